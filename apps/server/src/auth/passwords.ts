import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

/**
 * scrypt runs on libuv's thread pool (4 threads), which also serves file reads (the SPA's static
 * files) and DNS. At most two hashes run at once, and only a few wait, so sign-in storms cannot
 * starve the rest of the server.
 */
const MAX_HASHING = 2;
const MAX_WAITING = 32;
let hashing = 0;
const waiting: Array<() => void> = [];

export class HashingBusyError extends Error {
  constructor() {
    super('Too many sign-ins at once; try again in a moment');
  }
}

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= MAX_HASHING) {
    if (waiting.length >= MAX_WAITING) throw new HashingBusyError();
    // The slot is handed over by the one that finishes (`hashing` stays counted).
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else hashing++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

/** `scrypt$N$r$p$salt$hash`, salt and hash base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await limited(() => scrypt(password, salt, KEYLEN, PARAMS));
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await limited(() =>
    scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    }),
  );
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/** A random secret (sessions, API tokens, generated passwords). */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Secrets are stored as SHA-256: they are random, so a slow hash adds nothing. */
export function sha256(value: string): string {
  // One call, no Hash object (a third of the cost: this runs on every API-token request).
  return crypto.hash('sha256', value, 'hex');
}
