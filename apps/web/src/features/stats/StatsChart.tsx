import { useComputedColorScheme } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { timeSpan } from './chart-span.ts';

export interface ChartSeries {
  label: string;
  color: string;
  /** null: not measured — drawn as a gap, never as 0. */
  values: (number | null)[];
}

/**
 * A live time-series chart (uPlot, canvas): this module is loaded only by the views that draw
 * charts. The data is replaced on every sample without re-creating the chart.
 */
export default function StatsChart({
  title,
  times,
  series,
  format,
  height = 160,
}: {
  title: string;
  times: number[];
  series: ChartSeries[];
  format(v: number): string;
  height?: number;
}) {
  const { ref, width } = useElementSize();
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useComputedColorScheme('light');
  const labels = series.map((s) => s.label).join('|');

  useEffect(() => {
    if (!holder.current || width === 0) return;
    const axisColor = scheme === 'dark' ? '#909296' : '#495057';
    const grid = { stroke: scheme === 'dark' ? '#2c2e33' : '#e9ecef', width: 1 };
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // The samples' own span, at least the last minute (chart-span.ts).
        x: { time: true, range: (u, min, max) => timeSpan(u.data[0]) ?? [min, max] },
        y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
      },
      axes: [
        { stroke: axisColor, grid, ticks: grid },
        { stroke: axisColor, grid, ticks: grid, size: 84, values: (_u, vals) => vals.map((v) => format(v)) },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: `${s.color}22`,
          width: 1.5,
          // A null (unmeasured, or a gap in the history) breaks the line: never bridged, never 0.
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : format(v)),
        })),
      ],
    };
    plot.current = new uPlot(opts, [[], ...series.map(() => [])], holder.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // Re-create only when the shape changes; data updates go through setData below.
  }, [width, height, scheme, labels]);

  useEffect(() => {
    plot.current?.setData([times.map((t) => t / 1000), ...series.map((s) => s.values)]);
  });

  // What the first series draws, for tests and tools: points, points not measured (gaps), the lowest measured value.
  const first = series[0]?.values ?? [];
  const measured = first.filter((v): v is number => v !== null);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`${title} chart`}
      style={{ width: '100%' }}
      data-points={first.length}
      data-unmeasured={first.length - measured.length}
      data-lowest={measured.length ? Math.min(...measured) : undefined}
    >
      <div ref={holder} />
    </div>
  );
}
