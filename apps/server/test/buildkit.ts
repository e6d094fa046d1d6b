import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { pack } from 'tar-stream';

/** A build context (Dockerfile and files) as the tar the Engine API takes. */
export async function contextTar(files: Record<string, string>): Promise<Buffer> {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name }, content);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A BuildKit build (`POST /build?version=2`) at `base` (an Engine API root: a gateway, or the
 * proxy prefix), the context uploaded as a tar. Resolves with the engine's progress stream; fails
 * when it reports an error.
 */
export async function buildKitBuild(
  base: string,
  token: string,
  tag: string,
  labels: Record<string, string>,
  context: Buffer,
): Promise<string> {
  const qs = new URLSearchParams({ version: '2', t: tag, labels: JSON.stringify(labels) });
  const res = await fetch(`${base}/build?${qs}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-tar' },
    body: new Uint8Array(context),
  });
  const text = await res.text();
  if (res.status !== 200 || /"error(Detail)?"/.test(text)) throw new Error(`build failed: ${res.status} ${text.slice(0, 2000)}`);
  return text;
}

/**
 * What the BuildKit client does first: `POST /session` (no path prefix) with `Upgrade: h2c`.
 * Resolves with the status line of the answer (`HTTP/1.1 101 …` once the engine took the session).
 */
export function openBuildKitSession(port: number, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => done(new Error(`no answer to POST /session: ${JSON.stringify(got)}`)), 10_000);
    const done = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(got.split('\r\n')[0] as string);
    };
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) done();
    });
    socket.on('error', done);
    socket.write(
      [
        'POST /session HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Connection: Upgrade',
        'Upgrade: h2c',
        `X-Docker-Expose-Session-Uuid: ${randomUUID()}`,
        'X-Docker-Expose-Session-Name: porthole-test',
        `X-Docker-Expose-Session-Sharedkey: ${randomUUID()}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}
