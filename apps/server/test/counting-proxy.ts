import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS) \/\S* HTTP\/1\.[01]$/;

export interface CountingProxy {
  /** `unix://…` for the server's DOCKER_HOST. */
  dockerHost: string;
  /** When each request to the engine started (ms since the epoch) and its request line. */
  calls: Array<{ at: number; line: string }>;
  /** Requests in [from, to) (epoch ms), only those whose request line contains `containing` if given. */
  between(from: number, to: number, containing?: string): number;
  close(): Promise<void>;
}

/**
 * A unix socket in front of the engine's that passes every byte through and counts the HTTP
 * requests made on it (by their request lines), so a test can see how often Porthole calls the
 * engine. With `hold`, a request whose request line matches is never forwarded (nor anything after
 * it on that connection): a deliberately slow engine for that call, until the client gives up.
 */
export async function startCountingProxy(engineSocket = engineSocketPath(), o: { hold?: RegExp } = {}): Promise<CountingProxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-count-'));
  const socketPath = path.join(dir, 'docker.sock');
  const calls: CountingProxy['calls'] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(engineSocket);
    open.add(client).add(upstream);
    let partial = '';
    let held = false;
    client.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('latin1')).split('\r\n');
      partial = (lines.pop() as string).slice(-4096);
      const now = Date.now();
      for (const line of lines) {
        if (!REQUEST_LINE.test(line)) continue;
        calls.push({ at: now, line });
        if (o.hold?.test(line)) held = true;
      }
      if (!held) upstream.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    calls,
    between: (from, to, containing) =>
      calls.filter((c) => c.at >= from && c.at < to && (!containing || c.line.includes(containing))).length,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The engine's unix socket (DOCKER_HOST if it names one). */
export function engineSocketPath(): string {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}
