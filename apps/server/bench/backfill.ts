/**
 * Log backfill throughput: lines/s of a `logs-backfill` subscription over Porthole's websocket vs
 * reading the same log from the Engine API over the socket (and counting its lines), after one
 * untimed pass of each, interleaved over several rounds; the ratio of the medians (target ≥ 0.8×).
 * Called from run.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import WebSocket from 'ws';
import type { ServerProcess } from '../test/server-process.ts';

const ROUNDS = Number(process.env.BENCH_BACKFILL_ROUNDS ?? 5);
const TARGET = 0.8;

/** Reads the whole log from the socket; the number of lines. */
function rawLogLines(socketPath: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { socketPath, path: `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1&tail=all`, headers: { host: 'docker' } },
      (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => {
          for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) n++;
        });
        res.on('end', () => resolve(n));
      },
    );
    req.on('error', reject);
  });
}

/** One backfill of the whole log over `ws`; the number of lines. */
function backfill(ws: WebSocket, id: string, sub: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let n = 0;
    const timer = setTimeout(() => reject(new Error('bench: backfill timed out')), 300_000);
    const onMessage = (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as { type: string; id?: string; items?: unknown[] };
      if (m.id !== sub) return;
      if (m.type === 'data') n += m.items?.length ?? 0;
      if (m.type === 'end') {
        clearTimeout(timer);
        ws.off('message', onMessage);
        ws.send(JSON.stringify({ type: 'unsubscribe', id: sub }));
        resolve(n - 1); // the last item is the cursor
      }
    };
    ws.on('message', onMessage);
    ws.send(
      JSON.stringify({
        type: 'subscribe',
        id: sub,
        engine: 'local',
        topic: 'logs-backfill',
        params: { container: id, request: sub, tail: 'all' },
      }),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** The figure for a container whose log has `lines` lines. */
export async function benchBackfill(server: ServerProcess, cookie: string, socketPath: string, id: string, lines: number): Promise<string> {
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const w = new WebSocket(`${server.url.replace('http:', 'ws:')}/api/ws`, { headers: { cookie, origin: server.url } });
    w.once('open', () => resolve(w));
    w.once('error', reject);
  });
  try {
    const timed = async <T>(fn: () => Promise<T>) => {
      const t = performance.now();
      const value = await fn();
      return { value, s: (performance.now() - t) / 1000 };
    };
    // Untimed: the page cache, the engine's and the server's first pass over this code.
    await rawLogLines(socketPath, id);
    await backfill(ws, id, 'bf-warm');
    const raw: number[] = [];
    const viaWs: number[] = [];
    let cpu = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const measureRaw = async () => {
        const { value, s } = await timed(() => rawLogLines(socketPath, id));
        if (value !== lines) throw new Error(`bench: raw read gave ${value} lines, not ${lines}`);
        raw.push(value / s);
      };
      const measureWs = async () => {
        const c0 = cpuMs(server.pid);
        const { value, s } = await timed(() => backfill(ws, id, `bf${r}`));
        cpu += cpuMs(server.pid) - c0;
        if (value !== lines) throw new Error(`bench: backfill gave ${value} lines, not ${lines}`);
        viaWs.push(value / s);
      };
      // Alternating order: neither side always reads right after the other.
      if (r % 2) await measureWs().then(measureRaw);
      else await measureRaw().then(measureWs);
    }
    const [w, d] = [median(viaWs), median(raw)];
    return `log backfill (${lines.toLocaleString('en')} lines): Porthole websocket ${Math.round(w).toLocaleString('en')} lines/s, raw Engine API ${Math.round(d).toLocaleString('en')} lines/s, ratio ${(w / d).toFixed(2)}× (target ≥ ${TARGET}×${w / d >= TARGET ? '' : ', MISSED'}; medians of ${ROUNDS}); server CPU per backfill ${Math.round(cpu / ROUNDS)} ms`;
  } finally {
    ws.close();
  }
}
