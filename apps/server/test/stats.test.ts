import type { StatsSample } from '@porthole/shared/stats';
import { beforeAll, describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { startServer, waitFor } from './harness.ts';
import { type LiveClient, openLiveClient, upstreamGauge } from './live-client.ts';
import { useTestServer } from './support/server-fixture.ts';

const parseBytes = (s: string): number => {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/.exec(s.trim());
  if (!m) throw new Error(`cannot parse size ${s}`);
  const unit = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as string] ?? 1;
  return Number(m[1]) * unit;
};

describe('stats topic (acceptance 3 + 5)', () => {
  let busy: string;
  const run = testRun();
  const t = useTestServer({ run });

  beforeAll(async () => {
    busy = await run.startFixture(
      ['sh', '-c', 'head -c 30000000 /dev/zero | tr "\\0" x > /tmp/fill; while :; do :; done'],
      ['--name', run.name('busy'), '--cpus', '0.5'],
    );
  });

  it('reads CPU % of a --cpus 0.5 busy loop at 45–55 % and memory within 5 % of docker stats', async () => {
    const client = await openLiveClient(t.server.url, t.cookie);
    try {
      client.subscribe('st', 'stats', { container: busy });
      // Let the cgroup throttling settle, then average a few samples like `docker stats` shows them.
      const samples = await waitFor(
        '6 samples',
        () => {
          const s = client.items<StatsSample>('st');
          return s.length >= 6 && s;
        },
        20_000,
      );
      const cpu = samples.slice(-4).map((s) => Number(s.cpuPercent));
      const cli = await dockerOk(directDocker(), ['stats', '--no-stream', '--format', '{{.CPUPerc}} {{.MemUsage}}', busy]);
      const cliCpu = Number.parseFloat(cli);
      const cliMem = parseBytes(cli.slice(cli.indexOf(' ') + 1).split('/')[0] as string);
      // The limit holds it at 50 % at most; a quiet machine gives it all of that (45–55 %), a busy
      // one less — then ours must still read what docker stats reads.
      for (const c of cpu) expect(c).toBeLessThanOrEqual(55);
      const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
      if (cliCpu >= 45) for (const c of cpu) expect(c).toBeGreaterThanOrEqual(45);
      else expect(Math.abs(mean - cliCpu), `ours ${cpu.join(', ')} vs docker stats ${cliCpu}`).toBeLessThan(10);
      // "of 0.5 CPU": the limit from the inspect, and CPU % scaled to it (twice the host-relative %).
      const newest = samples.at(-1) as StatsSample;
      expect(newest.cpuLimit).toBe(0.5);
      expect(Number(newest.cpuPercentOfLimit)).toBeCloseTo(2 * Number(newest.cpuPercent), 0);
      const ours = (client.items<StatsSample>('st').at(-1) as StatsSample).memUsage;
      expect(Math.abs(ours - cliMem) / cliMem).toBeLessThan(0.05);
    } finally {
      client.close();
    }
  });

  it('10 clients share one upstream, closed within 1 s after the last leaves; the history comes first', async () => {
    const clients: LiveClient[] = [];
    for (let i = 0; i < 10; i++) clients.push(await openLiveClient(t.server.url, t.cookie));
    for (const c of clients) c.subscribe('st', 'stats', { container: busy });
    await waitFor('every client to get samples', () => clients.every((c) => c.items('st').length > 0), 10_000);
    expect((await upstreamGauge(t.server.url, t.cookie)).stats).toBe(1);
    // A late subscriber gets the history at once.
    const late = await openLiveClient(t.server.url, t.cookie);
    late.subscribe('st', 'stats', { container: busy });
    await waitFor('the history', () => late.items('st').length >= clients[0]!.items('st').length - 1, 2000);
    late.close();
    for (const c of clients) c.close();
    const closedAt = Date.now();
    await waitFor('the upstream to close', async () => ((await upstreamGauge(t.server.url, t.cookie)).stats ?? 0) === 0, 1000);
    expect(Date.now() - closedAt).toBeLessThan(1000);
  });

  it('records the history of containers nobody watches (one-shot samples, no open stream) and sends it first', async () => {
    const recording = await startServer({ PORTHOLE_STATS_SAMPLE_SECONDS: '1' });
    try {
      const c = await recording.login();
      const recorder = recording.app.statsRecorders.get('local');
      // The busy loop's samples: CPU % from two one-shot reads, like the CLI's from two frames
      // (its exact 45–55 % is the test above; here: a delta was taken, and the limit holds).
      const recorded = await waitFor(
        'four recorded samples of the unwatched container',
        () => {
          const list = recorder?.history(busy).list() ?? [];
          return list.length >= 4 && list;
        },
        30_000,
      );
      expect((await upstreamGauge(recording.url, c)).stats ?? 0).toBe(0);
      const cpus = recorded.slice(1).map((x) => (x as StatsSample).cpuPercent);
      for (const cpu of cpus) expect(cpu).toBeGreaterThan(0);
      for (const cpu of cpus) expect(cpu).toBeLessThan(56);
      const client = await openLiveClient(recording.url, c);
      try {
        client.subscribe('st', 'stats', { container: busy });
        await waitFor('the history and a live sample', () => client.items<StatsSample>('st').length > recorded.length, 10_000);
        const got = client.items<StatsSample>('st');
        expect(got.slice(0, recorded.length).map((x) => x.t)).toEqual(recorded.map((x) => x.t));
        // Oldest first, no duplicates across the history/live seam.
        for (let i = 1; i < got.length; i++) expect(got[i]!.t).toBeGreaterThan(got[i - 1]!.t);
      } finally {
        client.close();
      }
    } finally {
      await recording.close();
    }
  });
});
