import { Box, Button, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogBuffer } from './log-buffer.ts';
import { LogLineText } from './LogLineText.tsx';

const ROW = 19;
const SOURCE_COLORS = ['#539bf5', '#57ab5a', '#c69026', '#b083f0', '#39c5cf', '#e5534b', '#daaa3f', '#6cb6ff'];

export interface LogViewProps {
  buffer: LogBuffer;
  version: number;
  highlight?: RegExp;
  wrap: boolean;
  timestamps: boolean;
  /** Names of the containers of a merged view, by source index (1-based). */
  sources?: string[];
  onLoadOlder?(): void;
  loadingOlder?: boolean;
  /** Exposes the scroller (jump to a match). */
  scrollRef?: React.MutableRefObject<((index: number) => void) | undefined>;
}

/**
 * The virtualized log: only the visible rows are in the DOM, so a million lines scroll and
 * filter smoothly. Follows the end while the user is at the bottom; scrolled up, it stays put and
 * a pill counts the new lines.
 */
export function LogView({ buffer, version, highlight, wrap, timestamps, sources, onLoadOlder, loadingOlder, scrollRef }: LogViewProps) {
  const parent = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const seenAt = useRef(0);
  const count = buffer.length;
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
      virtualizer.scrollToIndex(i, { align: 'center' });
    };

  useLayoutEffect(() => {
    if (follow && count > 0) {
      virtualizer.scrollToIndex(count - 1, { align: 'end' });
      seenAt.current = count;
    }
  }, [version, follow, count, virtualizer]);

  useEffect(() => {
    if (follow) seenAt.current = count;
  }, [follow, count]);

  const onScroll = () => {
    const el = parent.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
    if (atBottom !== follow) setFollow(atBottom);
  };
  const newLines = follow ? 0 : Math.max(0, count - seenAt.current);

  return (
    <Box pos="relative" style={{ flex: 1, minHeight: 0 }}>
      <div
        ref={parent}
        onScroll={onScroll}
        className="log-scroller"
        role="log"
        aria-label="Log lines"
        aria-live="off"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls with the keyboard
        tabIndex={0}
        data-lines={count}
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
            const i = row.index;
            const stream = buffer.stream(i);
            const src = buffer.sources[i] ?? 0;
            return (
              <div
                key={row.key}
                data-index={i}
                ref={wrap ? virtualizer.measureElement : undefined}
                className={`log-row${wrap ? ' log-wrap' : ''}${stream === 2 ? ' log-stderr' : ''}`}
                data-stream={stream === 2 ? 'stderr' : stream === 1 ? 'stdout' : 'tty'}
                style={{ transform: `translateY(${row.start}px)`, height: wrap ? undefined : ROW }}
              >
                {sources && src > 0 && (
                  <span className="log-source" style={{ color: SOURCE_COLORS[(src - 1) % SOURCE_COLORS.length] }}>
                    {sources[src - 1]}
                  </span>
                )}
                {timestamps && <span className="log-time">{buffer.times[i]?.slice(0, 23).replace('T', ' ')}</span>}
                {stream === 2 && (
                  <span className="log-stream-mark" title="stderr">
                    err
                  </span>
                )}
                <span className="log-text">
                  <LogLineText text={buffer.texts[i] ?? ''} re={highlight} />
                </span>
              </div>
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
          {newLines.toLocaleString()} new lines
        </Button>
      )}
    </Box>
  );
}
