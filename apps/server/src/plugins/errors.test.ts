import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transportError } from '../docker/engine-http.ts';
import { ApiError } from '../http/api-error.ts';
import errorsPlugin from './errors.ts';

describe('error handler', () => {
  const app = Fastify({ logger: false });

  beforeAll(async () => {
    await app.register(errorsPlugin);
    app.get('/docker/:status', async (req) => {
      const { status } = req.params as { status: string };
      throw new ApiError(Number(status), `engine says ${status}`);
    });
    app.get('/crash', async () => {
      throw new Error('secret internals at /srv/porthole/db.ts:42');
    });
    app.get('/unreachable', async () => {
      throw transportError(Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' }));
    });
    app.get('/teapot', async () => {
      throw Object.assign(new Error('I am a teapot'), { statusCode: 418 });
    });
    app.post(
      '/validated',
      { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
      async () => ({
        ok: true,
      }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('keeps 404 with the engine message', async () => {
    const res = await app.inject('/docker/404');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ message: 'engine says 404' });
  });

  it('keeps 409 with the engine message', async () => {
    const res = await app.inject('/docker/409');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ message: 'engine says 409' });
  });

  it('answers a 304 as 200 with a note', async () => {
    const res = await app.inject('/docker/304');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ message: 'engine says 304', notModified: true });
  });

  it('hides internals of a 5xx', async () => {
    const res = await app.inject('/crash');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ message: 'Internal server error' });
    expect(res.body).not.toMatch(/secret|stack|db\.ts/);
  });

  it('maps an unreachable engine to 503 with a readable message', async () => {
    const res = await app.inject('/unreachable');
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/not reachable/);
  });

  it('keeps client errors readable', async () => {
    const res = await app.inject('/teapot');
    expect(res.statusCode).toBe(418);
    expect(res.json()).toEqual({ message: 'I am a teapot' });
  });

  it('answers validation errors with 400 and { message }', async () => {
    const res = await app.inject({ method: 'POST', url: '/validated', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^Invalid request: .*name/);
  });
});
