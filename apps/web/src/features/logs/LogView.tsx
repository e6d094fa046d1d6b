import { Box, Button, Group, Text } from '@mantine/core';
import type { LogMatcher } from '@porthole/shared/log-match';
import { detectLevel } from '@porthole/shared/log-levels';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LogBuffer } from './log-buffer.ts';
import { LogLineText } from './LogLineText.tsx';
import type { LogSettings } from './LogToolbar.tsx';
import type { LogRows } from './useLogEntries.ts';
import { sourceColor } from './source-colors.ts';

/** A row's height (logs.css line-height): 12 px text on 15 px rows, so 35+ lines show at 1280×800. */
const ROW = 15;
/**
 * Where the page is too short to give the log the rest of the height (a phone), the box still holds
 * 20 whole lines wherever its scroll position falls between two rows: 21 rows' height.
 */
const MIN_ROWS = 21;
/** Longer container names are cut in the middle (compose names differ at the end: `-web-1`, `-web-2`). */
const LABEL_MAX = 30;

export interface LogViewProps {
  /** The lines (`version` bumps on change) and, for a single container, older lines on demand. */
  log: { buffer: LogBuffer; version: number; loadOlder?(): void; loadingOlder?: boolean };
  settings: Pick<LogSettings, 'wrap' | 'timestamps'>;
  highlight?: LogMatcher;
  /** Names of the containers of a merged view: `sources[i - 1]` is the name of source index i. */
  sources?: string[];
  /** Exposes the scroller (jump to a match). */
  scrollRef?: React.MutableRefObject<((index: number) => void) | undefined>;
  /** Whether the view keeps to the end (`useFollow`): the page's Pause/Resume and badge share it. */
  follow: Follow;
  /** Which lines show, in which rows (level filter, folded stack traces); else every line. */
  rows?: LogRows;
}

export interface Follow {
  on: boolean;
  set(on: boolean): void;
}

/** Following the end of a log: on until the user scrolls up or pauses, and again for a new query (`queryKey`). */
export function useFollow(queryKey: string): Follow {
  const [on, set] = useState(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts at the end again
  useEffect(() => set(true), [queryKey]);
  return useMemo(() => ({ on, set }), [on]);
}

/**
 * The virtualized log: only the visible rows are in the DOM, so a million lines scroll and
 * filter smoothly. Follows the end while the user is at the bottom; scrolled up (or paused), it
 * stays put and a pill counts the lines that came live since (not backfilled or older ones).
 */
export function LogView({ log, settings, highlight, sources, scrollRef, follow: followState, rows }: LogViewProps) {
  const { buffer, version, loadOlder: onLoadOlder, loadingOlder } = log;
  const { wrap, timestamps } = settings;
  const parent = useRef<HTMLDivElement>(null);
  const { on: follow, set: setFollow } = followState;
  const lastTop = useRef(0);
  const count = rows ? rows.count : buffer.length;
  const labels = useMemo(
    () => sources?.map((n) => (n && n.length > LABEL_MAX ? `${n.slice(0, 12)}…${n.slice(-(LABEL_MAX - 13))}` : n)),
    [sources],
  );
  const labelWidth = labels ? Math.max(6, ...labels.map((n) => n?.length ?? 0)) : 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW,
    overscan: 30,
    measureElement: wrap ? (el) => el.getBoundingClientRect().height : undefined,
  });
  if (scrollRef)
    scrollRef.current = (i) => {
      setFollow(false);
      virtualizer.scrollToIndex(rows ? rows.rowOf(i) : i, { align: 'center' });
    };

  useLayoutEffect(() => {
    if (!follow) return;
    buffer.markSeen();
    const el = parent.current;
    if (count === 0 || !el) return;
    // Rows of one height: the end is the scroll height, set at once (one layout). The virtualizer's
    // scrollToIndex re-checks its target on every frame after each call, which at 10 lines a second
    // never rests. Wrapped rows are measured as they draw, and that re-checking is what keeps to the end.
    if (wrap) virtualizer.scrollToIndex(count - 1, { align: 'end' });
    else el.scrollTop = el.scrollHeight;
  }, [version, follow, count, virtualizer, buffer, wrap]);

  // Only the user scrolling UP stops following: lines arriving (a backfill, a reload with a
  // filter) move the end away without a scroll up, and must not turn following off.
  const onScroll = () => {
    const el = parent.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
    const up = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (atBottom && !follow) setFollow(true);
    else if (up && !atBottom && follow) setFollow(false);
  };
  // The user's own moves up (wheel, keys) stop following at once: a line arriving in the same
  // frame would scroll to the end before the scroll event said the user had gone up.
  const onWheel = (e: React.WheelEvent) => {
    if (e.deltaY < 0 && follow) setFollow(false);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (follow && ['ArrowUp', 'PageUp', 'Home'].includes(e.key)) setFollow(false);
  };
  const newLines = follow ? 0 : buffer.unseen;

  return (
    // Never fewer than 20 lines: on a phone the container header takes most of the screen, and the
    // page scrolls down to a log of 20 lines rather than squeezing it.
    <Box pos="relative" style={{ flex: 1, minHeight: MIN_ROWS * ROW + 2 }}>
      <div
        ref={parent}
        onScroll={onScroll}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
        className="log-scroller"
        role="log"
        aria-label="Log lines"
        aria-live="off"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls with the keyboard
        tabIndex={0}
        data-lines={buffer.length}
        data-rows={count}
      >
        {buffer.droppedOlder && onLoadOlder && (
          <Group justify="center" p={4}>
            <Button size="compact-xs" variant="subtle" onClick={onLoadOlder} loading={loadingOlder}>
              Load older lines
            </Button>
          </Group>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const i = rows ? (rows.lines[row.index] as number) : row.index;
            const more = rows?.more.get(i);
            const src = buffer.sources[i] ?? 0;
            return (
              <LogRow
                key={row.key}
                index={i}
                start={row.start}
                text={buffer.texts[i] ?? ''}
                time={timestamps ? (buffer.times[i] ?? '') : undefined}
                stream={buffer.stream(i)}
                source={src}
                name={sources && src > 0 ? sources[src - 1] : undefined}
                label={labels?.[src - 1]}
                labelWidth={labelWidth}
                wrap={wrap}
                measure={wrap ? virtualizer.measureElement : undefined}
                continued={rows?.continued[row.index] === 1}
                matcher={highlight}
                more={more}
                open={more !== undefined && rows ? rows.isOpen(i) : false}
                toggle={more !== undefined && rows ? rows.toggle : undefined}
              />
            );
          })}
        </div>
        {count === 0 && (
          <Text c="dimmed" size="sm" p="md">
            No log lines (yet).
          </Text>
        )}
      </div>
      {newLines > 0 && (
        <Button
          size="compact-sm"
          radius="xl"
          pos="absolute"
          bottom={12}
          left="50%"
          style={{ transform: 'translateX(-50%)' }}
          onClick={() => setFollow(true)}
        >
          {newLines.toLocaleString()} new line{newLines === 1 ? '' : 's'}
        </Button>
      )}
    </Box>
  );
}

interface LogRowProps {
  /** Buffer index of the line. */
  index: number;
  /** Offset from the top of the log, px. */
  start: number;
  text: string;
  /** The engine's timestamp, when timestamps are shown. */
  time: string | undefined;
  /** 0 tty, 1 stdout, 2 stderr. */
  stream: number;
  /** Source index in a merged log (0: none), its container name and its shortened label. */
  source: number;
  name: string | undefined;
  label: string | undefined;
  labelWidth: number;
  wrap: boolean;
  measure: ((el: Element | null) => void) | undefined;
  continued: boolean;
  matcher: LogMatcher | undefined;
  /** Continuation lines of this entry (a stack trace), when it has any; whether they show. */
  more: number | undefined;
  open: boolean;
  toggle: ((line: number) => void) | undefined;
}

/**
 * One row of the log. Memoised on plain values: a line arriving re-renders the view, and only the
 * new row (and none of the 60 already drawn) has anything new to draw.
 */
const LogRow = memo(function LogRow(p: LogRowProps) {
  // Warnings and errors carry a coloured mark at the left edge (an entry's continuation lines do not).
  const level = p.continued ? undefined : detectLevel(p.text);
  return (
    <div
      data-index={p.index}
      data-level={level === 'error' || level === 'warn' ? level : undefined}
      ref={p.measure}
      className={`log-row${p.wrap ? ' log-wrap' : ''}${p.stream === 2 ? ' log-stderr' : ''}${p.continued ? ' log-continued' : ''}`}
      data-stream={p.stream === 2 ? 'stderr' : p.stream === 1 ? 'stdout' : 'tty'}
      data-source={p.name}
      style={{
        transform: `translateY(${p.start}px)`,
        height: p.wrap ? undefined : ROW,
        ...(p.name ? { '--source-color': sourceColor(p.source) } : {}),
      }}
    >
      {p.name !== undefined && (
        <span className="log-source" title={p.name} style={{ width: `${p.labelWidth}ch` }}>
          {p.label}
        </span>
      )}
      {p.time !== undefined && <span className="log-time">{p.time.slice(0, 23).replace('T', ' ')}</span>}
      {p.stream === 2 && (
        <span className="log-stream-mark" title="stderr">
          err
        </span>
      )}
      <span className="log-text">
        <LogLineText text={p.text} matcher={p.matcher} />
        {p.more !== undefined && p.toggle && <FoldButton open={p.open} lines={p.more} onClick={() => p.toggle?.(p.index)} />}
      </span>
    </div>
  );
});

/** Folds or unfolds the continuation lines (a stack trace) of an entry. */
function FoldButton({ open, lines, onClick }: { open: boolean; lines: number; onClick(): void }) {
  return (
    <button
      type="button"
      className="log-fold"
      aria-expanded={open}
      aria-label={open ? `Fold ${lines} lines` : `Show ${lines} more lines`}
      onClick={onClick}
    >
      {open ? '▾' : '▸'} {lines} more
    </button>
  );
}
