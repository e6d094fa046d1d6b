import { Alert, Card, Center, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { isStatsGap, type StatsPoint, type StatsSample } from '@porthole/shared/stats';
import { Suspense, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, formatMemory } from '../../lib/format.ts';
import { ContainerStreamHeader } from '../../components/StreamHeader.tsx';
import { LiveStateBadge } from '../../components/LiveStateBadge.tsx';
import { useContainerStats } from '../../lib/docker/stats.ts';
import { lazyChunk } from '../../lib/lazy-chunk.ts';

const StatsChart = lazyChunk(() => import('./StatsChart.tsx'));

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} %`);
const rate = (v: number) => `${formatBytes(v)}/s`;

/** The charts of two rates in bytes/s: each series' label, colour and the sample field it draws. */
const RATE_CHARTS = [
  {
    title: 'Network',
    series: [
      ['rx', '#15aabf', 'netRxRate'],
      ['tx', '#fd7e14', 'netTxRate'],
    ],
  },
  {
    title: 'Block I/O',
    series: [
      ['read', '#7950f2', 'blkReadRate'],
      ['write', '#e64980', 'blkWriteRate'],
    ],
  },
] as const;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={600} ff="monospace" aria-label={label}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

const cpus = (n: number) => `${Number(n.toFixed(2))} CPU${n === 1 ? '' : 's'}`;

/**
 * The CPU figure: with a limit, the share of that limit (100 % = the whole limit) and what
 * `docker stats` would show (100 % = one CPU); without one, `docker stats`' number.
 */
function cpuFigure(sample: StatsSample | undefined): { value: string; hint?: string } {
  if (!sample) return { value: '—' };
  const online = `${sample.onlineCpus} CPUs online`;
  if (sample.cpuLimit === undefined) return { value: pct(sample.cpuPercent), hint: `no limit · ${online}` };
  return {
    value: pct(sample.cpuPercentOfLimit ?? null),
    hint: `of ${cpus(sample.cpuLimit)} · ${online} · docker stats: ${pct(sample.cpuPercent)}`,
  };
}

function minutes(history: StatsPoint[]): string {
  if (history.length < 2) return 'starting';
  const s = Math.round(((history.at(-1) as StatsPoint).t - (history[0] as StatsPoint).t) / 1000);
  return s < 60 ? `${s} s of history` : `${Math.floor(s / 60)} min ${s % 60} s of history`;
}

/** A live stream with nothing new for this long is said to be silent (the engine sends a frame a second). */
const SILENT_AFTER_MS = 5000;

/**
 * How long a live stream has brought nothing new (0 while it is not live, or not yet silent).
 * The engine holds back every stats frame while a call keeps a watched container locked (a
 * `docker cp` into it that does not finish): the stream stays open and says nothing. Measured
 * by this browser's clock from the last arrival, not from the samples' own times (the engine's clock).
 */
function useSilence(newest: number | undefined, live: boolean): number {
  const [arrived, setArrived] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setArrived(Date.now()), [newest, live]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  const silent = live ? now - arrived : 0;
  return silent >= SILENT_AFTER_MS ? silent : 0;
}

/** `/containers/:id/stats`: live usage with charts, opening with the server's 10-minute history. */
export function StatsPage() {
  const { id = '' } = useParams();
  const engine = useEngine();
  const stats = useContainerStats(engine, id);
  const { history, state, message } = stats;
  const silentMs = useSilence(history.at(-1)?.t, state === 'live');
  // The figures are now's: while the stream is not live (the container stopped) or is silent they
  // show "—", not the last value as if it were current; the charts keep what was measured.
  const sample = state === 'live' && !silentMs ? stats.sample : undefined;
  const times = history.map((s) => s.t);
  // A gap (nothing measured) is null in every series: uPlot draws it as a gap, never as 0.
  const col = (f: (s: StatsSample) => number | null) => history.map((p) => (isStatsGap(p) ? null : f(p)));
  const cpu = cpuFigure(sample);
  const limit = stats.sample?.cpuLimit;
  return (
    <Stack gap="sm">
      <ContainerStreamHeader id={id} />
      <Group gap="sm">
        <LiveStateBadge state={state} message={message} />
        <Text
          size="xs"
          c="dimmed"
          data-testid="stats-history"
          data-seconds={history.length > 1 ? Math.round(((history.at(-1) as StatsPoint).t - (history[0] as StatsPoint).t) / 1000) : 0}
        >
          {minutes(history)}
        </Text>
        <CliHint command={`docker stats ${id.slice(0, 12)}`} />
      </Group>
      {silentMs > 0 && (
        <Alert color="orange" variant="light" p="xs" role="status" data-testid="stats-silent">
          No stats from the engine for {Math.round(silentMs / 1000)} s. It holds them back while a call keeps a container locked (a docker
          cp into it that has not finished, for one); they resume when it answers.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure label="CPU" value={cpu.value} hint={cpu.hint} />
        <Figure
          label="Memory"
          value={sample ? formatMemory(sample.memUsage) : '—'}
          hint={sample ? `${pct(sample.memPercent)} of ${formatMemory(sample.memLimit)}` : undefined}
        />
        <Figure
          label="Network I/O"
          value={sample ? `${formatBytes(sample.netRx)} / ${formatBytes(sample.netTx)}` : '—'}
          hint="received / sent"
        />
        <Figure
          label="Block I/O"
          value={sample ? `${formatBytes(sample.blkRead)} / ${formatBytes(sample.blkWrite)}` : '—'}
          hint="read / written"
        />
        <Figure label="PIDs" value={sample ? String(sample.pids) : '—'} />
      </SimpleGrid>
      <Suspense
        fallback={
          <Center p="xl">
            <Loader aria-label="Loading charts" />
          </Center>
        }
      >
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder padding="sm">
            <Text fw={600} size="sm">
              CPU %{' '}
              <Text span size="xs" c="dimmed" fw={400} data-testid="cpu-scale">
                {limit === undefined
                  ? '(100 % = one CPU, as docker stats)'
                  : `(100 % = its limit of ${cpus(limit)}; docker stats shows ${Number((limit * 100).toFixed(0))} % at the limit)`}
              </Text>
            </Text>
            <StatsChart
              title="CPU"
              times={times}
              series={[
                {
                  label: limit === undefined ? 'CPU' : 'of limit',
                  color: '#228be6',
                  values: col((s) => (s.cpuLimit === undefined ? s.cpuPercent : (s.cpuPercentOfLimit ?? null))),
                },
              ]}
              format={pct}
            />
          </Card>
          <Card withBorder padding="sm">
            <Text fw={600} size="sm">
              Memory
            </Text>
            <StatsChart
              title="Memory"
              times={times}
              series={[{ label: 'used', color: '#40c057', values: col((s) => s.memUsage) }]}
              format={formatMemory}
            />
          </Card>
          {RATE_CHARTS.map((chart) => (
            <Card key={chart.title} withBorder padding="sm">
              <Text fw={600} size="sm">
                {chart.title}
              </Text>
              <StatsChart
                title={chart.title}
                times={times}
                series={chart.series.map(([label, color, field]) => ({ label, color, values: col((s) => s[field]) }))}
                format={rate}
              />
            </Card>
          ))}
        </SimpleGrid>
      </Suspense>
    </Stack>
  );
}
