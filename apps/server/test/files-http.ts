import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import tar from 'tar-stream';

/** Helpers of the files tests: requests with any headers (no client adds its own), tars of any entries. */

export interface RawAnswer {
  status: number;
  text: string;
  /** `message` of a JSON answer. */
  message?: string;
}

/**
 * One request on its own connection (`Connection: close`, no agent), so that no keep-alive socket
 * of the test stays open in the server; `headers` are sent as given (no content type unless set).
 */
export function rawRequest(
  url: string,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${pathname}`, {
      method,
      agent: false,
      headers: {
        connection: 'close',
        ...(body !== undefined && !headers['transfer-encoding'] ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        ...headers,
      },
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${pathname}: no answer within 30 s`)));
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => {
        text += s;
      });
      res.on('error', reject);
      res.on('end', () => {
        let message: string | undefined;
        try {
          message = (JSON.parse(text) as { message?: string }).message;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, text, message });
      });
    });
    req.end(body);
  });
}

/**
 * Sends a request head declaring `declared` body bytes, then `sent` bytes, then (once `ready`
 * resolves) destroys the connection: a truncated or cancelled upload. Resolves with what the
 * server answered meanwhile, if anything.
 */
export function cutUpload(
  url: string,
  pathname: string,
  headers: Record<string, string>,
  declared: number,
  sent: number,
  ready: (received: () => string) => Promise<unknown> = async () => undefined,
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect(Number(port), hostname);
    socket.setEncoding('latin1');
    socket.on('data', (s: string) => {
      received += s;
    });
    socket.on('error', () => undefined); // the server may reset it first: that is fine
    socket.on('close', () => resolve(received));
    socket.on('connect', () => {
      let head = `PUT ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: ${declared}\r\n`;
      for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
      socket.write(`${head}\r\n`);
      socket.write(Buffer.alloc(sent, 0x61), () => {
        ready(() => received).then(
          () => socket.destroy(),
          (err) => {
            socket.destroy();
            reject(err);
          },
        );
      });
    });
  });
}

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

/** A tar with exactly these entries (tar-stream writes whatever name it is given). */
export async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') pack.entry({ name: e.name, mode: e.mode }, e.content ?? '');
    else pack.entry({ name: e.name, type, linkname: e.linkname, mode: e.mode });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/**
 * Open sockets of a process (its `/proc/<pid>/fd` links that read `socket:[inode]`), and how many
 * of them are connections of clients to `port` (from /proc/net/tcp: which come and go with the
 * test's own requests, and the keep-alive ones of `fetch` with its idle timeout).
 */
export function socketCounts(pid: number, port: number): { total: number; inbound: number } {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inboundInodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      // local address, state (0A: listening), inode
      if (cols[1]?.endsWith(hex) && cols[3] !== '0A' && cols[9]) inboundInodes.add(cols[9]);
    }
  }
  let total = 0;
  let inbound = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let link: string;
    try {
      link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    if (!link.startsWith('socket:')) continue;
    total++;
    if (inboundInodes.has(link.slice('socket:['.length, -1))) inbound++;
  }
  return { total, inbound };
}
