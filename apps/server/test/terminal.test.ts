import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { proxyDocker, testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { useTestServer } from './support/server-fixture.ts';

describe('terminal (acceptance 7)', () => {
  let id: string;
  const run = testRun();
  const t = useTestServer({ run });

  beforeAll(async () => {
    id = await run.startFixture(['sleep', '600']);
  });

  it('runs a shell over the websocket: echo, stty size after a resize, Ctrl-C interrupts sleep', async () => {
    const url = `${t.server.url.replace('http:', 'ws:')}/api/engines/local/containers/${id}/terminal?cmd=sh&cols=100&rows=30`;
    const ws = new WebSocket(url, { headers: { cookie: t.cookie, origin: t.server.url } });
    let out = '';
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) out += data.toString();
    });
    await new Promise((r) => ws.once('open', r));
    const type = (s: string) => ws.send(Buffer.from(s), { binary: true });
    type('echo $((6*7))\r');
    await waitFor('42', () => /\r\n42\r\n/.test(out));
    type('stty size\r');
    await waitFor('30 100', () => out.includes('30 100'));
    ws.send(JSON.stringify({ type: 'resize', cols: 120, rows: 40 }));
    await new Promise((r) => setTimeout(r, 200));
    type('stty size\r');
    await waitFor('40 120', () => out.includes('40 120'));
    type('sleep 100; echo after-sleep-$?\r');
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    type('\x03');
    await waitFor('the interrupt', () => /after-sleep-130/.test(out) || /\^C/.test(out), 5000);
    type('echo still-here\r');
    await waitFor('the shell to answer again', () => out.includes('still-here\r\n'), 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    ws.close();
  });

  /** Runs one terminal session to its end: its output, control messages and close code. */
  async function session(cmd: string) {
    const url = `${t.server.url.replace('http:', 'ws:')}/api/engines/local/containers/${id}/terminal?cmd=${encodeURIComponent(cmd)}`;
    const ws = new WebSocket(url, { headers: { cookie: t.cookie, origin: t.server.url } });
    let out = '';
    const messages: Array<{ type: string; message?: string; code?: number }> = [];
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) out += data.toString();
      else messages.push(JSON.parse(data.toString()));
    });
    const [code, reason] = await new Promise<[number, string]>((resolve, reject) => {
      ws.once('close', (c, r) => resolve([c, r.toString()]));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c;
        });
        res.on('end', () => reject(new Error(`HTTP ${res.statusCode}: ${body}`)));
      });
    });
    return { out, messages, code, reason };
  }

  it('splits the command like a shell: quotes and backslashes keep words whole', async () => {
    const s = await session(String.raw`sh -c "printf '[%s]' \"a  b\" '' x\ y; exit 3"`);
    expect(s.out).toBe('[a  b][][x y]');
    expect(s.messages).toContainEqual({ type: 'exit', code: 3 });
    expect(s.code).toBe(1000);
  });

  it('refuses a command no shell could split with a clear error, and keeps serving', async () => {
    const bad = await session('sh -c "echo unterminated');
    expect(bad.messages).toEqual([
      { type: 'error', message: 'Invalid command: Unterminated double quote (the " at character 7 is never closed)' },
    ]);
    expect(bad.code).toBe(1008);
    expect(bad.out).toBe('');
    expect((await session('   ')).messages).toEqual([{ type: 'error', message: 'Invalid command: Enter a command to run, e.g. sh' }]);
    // Out-of-schema input is refused before the upgrade, with the validation message.
    await expect(session('x'.repeat(501))).rejects.toThrow(/HTTP 400: .*cmd must NOT have more than 500 characters/);
    expect((await session('echo still-serving')).out).toBe('still-serving\r\n');
  });

  it('docker exec -it through the proxy (under script, for a TTY)', async () => {
    const token = await t.server.createToken(t.cookie, 'exec-it');
    const target = proxyDocker(t.server.url, token);
    const child = spawn('script', ['-qfec', `docker exec -it ${id} sh -c 'echo tty-$((6*7)); tty'`, '/dev/null'], { env: target.env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise((r) => child.on('close', r));
    expect(out).toContain('tty-42');
    expect(out).toMatch(/\/dev\/pts\/\d+/);
    expect(code).toBe(0);
  });
});
