import { describe, expect, it } from 'vitest';
import { BodyEnd, type Framing, type ResponseHead, parseResponseHead } from './http1-framing.ts';

const head = (text: string, method = 'GET') => parseResponseHead(Buffer.from(text, 'latin1'), method);

/** Feeds `bytes` to a BodyEnd in pieces cut at `cuts`; the offset (in `bytes`) where the body ended, or -1. */
function endIn(framing: Framing, bytes: Buffer, cuts: number[]): number {
  const body = new BodyEnd(framing);
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    const piece = bytes.subarray(from, to);
    const end = body.feed(piece);
    if (end >= 0) return from + end;
    from = to;
  }
  return -1;
}

function chunked(payloads: string[], trailer = ''): string {
  return `${payloads.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('')}0\r\n${trailer}\r\n`;
}

describe('parseResponseHead', () => {
  it('waits for the whole head, then reads status, header lines and framing', () => {
    expect(head('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n')).toBeUndefined();
    const r = head(
      'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"a":',
    ) as ResponseHead;
    expect(r).toMatchObject({ status: 200, statusText: 'OK', framing: { kind: 'length', length: 12 }, close: false });
    expect(r.headers).toEqual(['Api-Version', '1.41', 'Content-Type', 'application/json', 'Content-Length', '12']);
    expect(r.length).toBe(
      Buffer.byteLength('HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n'),
    );
  });

  it('knows bodies that cannot be there, chunks, and bodies that end with the connection', () => {
    expect((head('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 'HEAD') as ResponseHead).framing).toEqual({ kind: 'none' });
    expect((head('HTTP/1.1 204 No Content\r\n\r\n') as ResponseHead).framing).toEqual({ kind: 'none' });
    expect((head('HTTP/1.1 304 Not Modified\r\n\r\n') as ResponseHead).framing).toEqual({ kind: 'none' });
    expect((head('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n') as ResponseHead).framing).toEqual({ kind: 'none' });
    const chunkedHead = head('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n') as ResponseHead;
    expect(chunkedHead.framing).toEqual({ kind: 'chunked' });
    expect((head('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n') as ResponseHead).framing).toEqual({ kind: 'close' });
    expect((head('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n') as ResponseHead).framing).toEqual({ kind: 'close' });
    expect((head('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n') as ResponseHead).status).toBe(101);
    expect((head('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 2\r\n\r\n') as ResponseHead).close).toBe(true);
    expect((head('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n') as ResponseHead).close).toBe(true);
  });

  it('refuses what is not an HTTP/1.x response head', () => {
    expect(head('SSH-2.0-OpenSSH\r\n\r\n')).toBeInstanceOf(Error);
    expect(head('HTTP/1.1 200 OK\r\n folded\r\n\r\n')).toBeInstanceOf(Error);
    expect(head('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n')).toBeInstanceOf(Error);
    expect(head('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toBeInstanceOf(Error);
    expect(parseResponseHead(Buffer.alloc(70 * 1024, 'a'), 'GET')).toBeInstanceOf(Error);
  });
});

describe('BodyEnd', () => {
  it('ends a Content-Length body at its length, wherever the reads are cut', () => {
    const bytes = Buffer.from('0123456789NEXT');
    for (const cuts of [[], [1], [5, 9], [10], [3, 4, 11]]) expect(endIn({ kind: 'length', length: 10 }, bytes, cuts)).toBe(10);
  });

  it('ends a chunked body after its last chunk and trailer, at every possible cut', () => {
    const body = chunked(['hello', '', 'x'.repeat(300), 'a\r\n0\r\n\r\n inside data'].filter(Boolean), 'X-Trailer: 1\r\n');
    const bytes = Buffer.from(`${body}HTTP/1.1 200 OK\r\n`);
    for (let a = 0; a <= body.length; a++) {
      expect(endIn({ kind: 'chunked' }, bytes, [a])).toBe(body.length);
    }
    for (let a = 0; a < 40; a++) expect(endIn({ kind: 'chunked' }, bytes, [a, a + 1, a + 7, body.length - 1])).toBe(body.length);
  });

  it('takes chunk extensions and upper-case sizes; follows 200,000 small chunks', () => {
    const bytes = Buffer.from('5;name=value\r\nhello\r\nA\r\n0123456789\r\n0\r\n\r\n');
    expect(endIn({ kind: 'chunked' }, bytes, [2, 13, 14])).toBe(bytes.length);
    const many = Buffer.from(chunked(Array.from({ length: 200_000 }, (_, i) => `\u0001\0\0\0\0\0\0\u0007${i}\n`)));
    const cuts = Array.from({ length: Math.floor(many.length / 65536) }, (_, i) => (i + 1) * 65536);
    expect(endIn({ kind: 'chunked' }, many, cuts)).toBe(many.length);
  });

  it('throws on a malformed chunked body', () => {
    for (const bad of ['zz\r\n', '5\r\nhello!!\r\n', '\r\n', '5\rX', `${'f'.repeat(14)}\r\n`]) {
      expect(() => new BodyEnd({ kind: 'chunked' }).feed(Buffer.from(bad))).toThrow();
    }
  });

  it('a body without framing never ends by itself; none ends at once', () => {
    expect(new BodyEnd({ kind: 'close' }).feed(Buffer.from('anything'))).toBe(-1);
    const none = new BodyEnd({ kind: 'none' });
    expect(none.done).toBe(true);
    expect(none.feed(Buffer.from('x'))).toBe(0);
  });
});
