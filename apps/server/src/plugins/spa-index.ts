import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

type Encoding = 'br' | 'gzip';
const COPIES: Array<[Encoding, string]> = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

interface Variant {
  body: Buffer;
  etag: string;
}

/** How often (at most) the build's index.html is checked for a newer one. */
const RECHECK_MS = 1000;

/**
 * The SPA's index.html — the answer to `/` and to every view's URL, so the most requested
 * document — kept in memory with its .br/.gz copies, in the one the browser accepts. A request
 * costs no file system call (the thread pool is busy with password hashing during a sign-in
 * storm); a rebuilt SPA is picked up within a second (a synchronous stat of one file).
 */
export class SpaIndex {
  readonly #file: string;
  #variants = new Map<Encoding | 'identity', Variant>();
  #mtime = -1;
  #checkedAt = 0;

  constructor(root: string) {
    this.#file = path.join(root, 'index.html');
    this.#refresh();
  }

  send(req: FastifyRequest, reply: FastifyReply, revalidate: string): FastifyReply {
    this.#refresh();
    const available = COPIES.map(([encoding]) => encoding).filter((e) => this.#variants.has(e));
    const accepted = req.headers['accept-encoding'];
    const encoding = accepted && available.length ? negotiate(accepted.replace(/\*/g, 'gzip'), available) : null;
    const variant = this.#variants.get(encoding ?? 'identity') as Variant;
    reply.header('cache-control', revalidate).header('vary', 'Accept-Encoding').header('etag', variant.etag);
    reply.type('text/html; charset=utf-8');
    if (encoding) reply.header('content-encoding', encoding);
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === variant.etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    return reply.code(200).send(variant.body);
  }

  #refresh(): void {
    const now = Date.now();
    if (now - this.#checkedAt < RECHECK_MS && this.#variants.size) return;
    this.#checkedAt = now;
    let mtime: number;
    try {
      mtime = fs.statSync(this.#file).mtimeMs;
    } catch {
      return; // Mid-rebuild: keep serving the last one.
    }
    if (mtime === this.#mtime) return;
    const variants = new Map<Encoding | 'identity', Variant>();
    const read = (key: Encoding | 'identity', file: string) => {
      if (!fs.existsSync(file)) return;
      const body = fs.readFileSync(file);
      variants.set(key, { body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
    };
    read('identity', this.#file);
    for (const [encoding, suffix] of COPIES) read(encoding, this.#file + suffix);
    if (!variants.has('identity')) return;
    this.#variants = variants;
    this.#mtime = mtime;
  }
}
