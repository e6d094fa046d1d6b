import WebSocket from 'ws';
import { type TestServer, waitFor } from './harness.ts';

/** Resolves with the ms from `since` until the websocket closes (0 when it is closed already). */
export const closedAfter = (ws: WebSocket, since: () => number) =>
  new Promise<number>((resolve) => (ws.readyState === ws.CLOSED ? resolve(0) : ws.once('close', () => resolve(Date.now() - since()))));

/** Opens a `sh` terminal on `container` signed in with `cookie` and waits until it answers `echo $((6*7))`. */
export async function openAnsweringShell(server: TestServer, cookie: string, container: string): Promise<WebSocket> {
  const term = new WebSocket(`${server.url.replace('http:', 'ws:')}/api/engines/local/containers/${container}/terminal?cmd=sh`, {
    headers: { cookie, origin: server.url },
  });
  let out = '';
  term.on('message', (data: Buffer, binary: boolean) => {
    if (binary) out += data.toString();
  });
  await new Promise((r) => term.once('open', r));
  term.send(Buffer.from('echo $((6*7))\r'), { binary: true });
  await waitFor('the shell', () => out.includes('42'));
  return term;
}
