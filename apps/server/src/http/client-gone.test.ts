import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { untilClientGoes } from './client-gone.ts';

/** A request and reply whose sockets close when `leave` is called (the browser moved on). */
function exchange() {
  const rawReq = Object.assign(new EventEmitter(), { complete: true, destroyed: false });
  const rawReply = Object.assign(new EventEmitter(), { destroyed: false, writableFinished: false });
  return {
    req: { raw: rawReq } as unknown as FastifyRequest,
    reply: { raw: rawReply } as unknown as FastifyReply,
    leave: () => {
      rawReply.destroyed = true;
      rawReply.emit('close');
    },
  };
}

describe('untilClientGoes', () => {
  it('gives the work a signal that aborts when the client leaves, and answers 499 for what then fails', async () => {
    const { req, reply, leave } = exchange();
    const work = untilClientGoes(req, reply, 'listing', (gone) => {
      expect(gone.aborted).toBe(false);
      return new Promise((_, reject) => gone.addEventListener('abort', () => reject(new Error('socket hang up'))));
    });
    leave();
    const err = await work.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 499, message: 'The listing was cancelled' });
  });

  it('passes on what fails while the client waits, and what the work returns', async () => {
    const { req, reply } = exchange();
    const refused = new ApiError(404, 'No such container: x');
    await expect(untilClientGoes(req, reply, 'listing', () => Promise.reject(refused))).rejects.toBe(refused);
    await expect(untilClientGoes(req, reply, 'listing', async () => ({ entries: [] }))).resolves.toEqual({ entries: [] });
  });

  it('aborts at once for a client that left before the work started', async () => {
    const { req, reply, leave } = exchange();
    leave();
    let seen: boolean | undefined;
    const err = await untilClientGoes(req, reply, 'download', async (gone) => {
      seen = gone.aborted;
      throw new Error('aborted');
    }).catch((e: unknown) => e);
    expect(seen).toBe(true);
    expect(err).toMatchObject({ status: 499, message: 'The download was cancelled' });
  });
});
