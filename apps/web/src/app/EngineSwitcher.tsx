import { Group, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { type EngineConnection, useEngineStatus } from '../lib/engine-status.tsx';
import { enginesQuery } from '../lib/engines.ts';
import { lazyChunk } from '../lib/lazy-chunk.ts';

export const CONNECTION: Record<EngineConnection, { color: string; label: string }> = {
  connected: { color: 'green', label: 'connected' },
  connecting: { color: 'blue', label: 'connecting…' },
  'engine-down': { color: 'red', label: 'disconnected' },
  'server-down': { color: 'red', label: 'Porthole unreachable' },
};

/** A round swatch of an engine's colour. */
export function EngineDot({ colour }: { colour?: string }) {
  return <span aria-hidden style={{ width: 10, height: 10, borderRadius: '50%', background: colour ?? 'gray', flex: 'none' }} />;
}

/** The header's engine menu (Mantine Menu), fetched on first hover/focus like the account menu. */
const loadEngineMenu = () => import('./EngineMenu.tsx');
const prefetch = () => void loadEngineMenu().catch(() => undefined);
const EngineMenu = lazyChunk(loadEngineMenu);

/**
 * The current engine (colour, name, connection state of its live stream) as a button that opens
 * the list of engines; choosing one keeps the view (containers → the other engine's containers).
 */
export function EngineSwitcher() {
  const { engine, connection, message } = useEngineStatus();
  const engines = useQuery(enginesQuery());
  const [open, setOpen] = useState(false);
  const current = engines.data?.find((e) => e.id === engine);
  const c = CONNECTION[connection];
  const button = (
    <UnstyledButton
      onPointerEnter={prefetch}
      onFocus={prefetch}
      onClick={() => setOpen(true)}
      aria-label={`Engine ${current?.name ?? engine}: ${c.label}. Switch engine`}
      aria-haspopup="menu"
      title={message ?? `Engine "${current?.name ?? engine}" is ${c.label}`}
      px="xs"
      py={4}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Group gap={6} wrap="nowrap">
        <EngineDot colour={current?.colour} />
        <Text size="sm" fw={600} truncate maw={140}>
          {current?.name ?? engine}
        </Text>
        <Text
          span
          size="xs"
          c={c.color}
          data-testid="engine-state"
          data-state={connection}
          role="status"
          aria-label={`Engine ${engine}: ${c.label}`}
        >
          ●{' '}
          <Text span visibleFrom="sm" inherit>
            {c.label}
          </Text>
        </Text>
        <Text span size="xs" c="dimmed" aria-hidden>
          ▾
        </Text>
      </Group>
    </UnstyledButton>
  );
  if (!open) return button;
  return (
    <Suspense fallback={button}>
      <EngineMenu target={button} onClose={() => setOpen(false)} engines={engines.data ?? []} current={engine} />
    </Suspense>
  );
}
