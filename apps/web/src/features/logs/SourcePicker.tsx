import { ActionIcon, Badge, Group, Select, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { MergedSource } from './merged-log.ts';
import { sourceColor } from './source-colors.ts';

const STATE_COLOR = { live: 'green', connecting: 'blue', reconnecting: 'orange' } as const;

function stateOf(s: MergedSource): { text: string; short: string; color: string } {
  const { error, phase, upstream, message } = s.status;
  if (error) return { text: error, short: 'error', color: 'red' };
  if (phase === 'loading') return { text: 'Reading the log…', short: 'loading', color: 'blue' };
  if (phase === 'done') return { text: 'The range is read', short: 'read', color: 'gray' };
  if (upstream === 'live') return { text: 'Following the live log', short: 'following', color: 'green' };
  const stopped = /not running|stopped/.test(message ?? '');
  return { text: message ?? upstream, short: stopped ? 'not running' : upstream, color: STATE_COLOR[upstream] };
}

/**
 * The containers of a merged log: one chip each (its colour, name and stream state, a remove
 * button), and a searchable select to add another.
 */
export function SourcePicker({
  sources,
  names,
  options,
  onAdd,
  onRemove,
}: {
  sources: MergedSource[];
  /** Display name per container ref. */
  names: (ref: string) => string;
  /** Containers that can be added (names). */
  options: string[];
  onAdd(name: string): void;
  onRemove(ref: string): void;
}) {
  const [picking, setPicking] = useState<string | null>(null);
  return (
    <Group gap={6} mb="xs" aria-label="Containers in this log" role="group">
      {sources.map((s) => {
        const name = names(s.container);
        const state = stateOf(s);
        return (
          <Badge
            key={s.container}
            variant="default"
            size="lg"
            radius="sm"
            tt="none"
            data-testid={`source-${name}`}
            data-state={s.status.error ? 'error' : s.status.phase === 'live' ? s.status.upstream : s.status.phase}
            leftSection={<span className="log-source-swatch" style={{ background: sourceColor(s.source) }} />}
            rightSection={
              <ActionIcon size="xs" variant="subtle" color="gray" aria-label={`Remove ${name}`} onClick={() => onRemove(s.container)}>
                ×
              </ActionIcon>
            }
          >
            <Tooltip label={state.text} withArrow>
              <Group gap={6} wrap="nowrap">
                <Text span size="xs" ff="monospace" fw={600} style={{ color: sourceColor(s.source) }}>
                  {name}
                </Text>
                <Badge size="xs" variant="dot" color={state.color} aria-label={`${name}: ${state.short}`}>
                  {state.short}
                </Badge>
              </Group>
            </Tooltip>
          </Badge>
        );
      })}
      <Select
        aria-label="Add container"
        placeholder="Add container…"
        size="xs"
        w={220}
        searchable
        data={options}
        value={picking}
        nothingFoundMessage="No other container"
        onChange={(v) => {
          setPicking(null);
          if (v) onAdd(v);
        }}
      />
    </Group>
  );
}
