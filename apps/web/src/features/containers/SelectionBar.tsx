import { Button, Group, Loader, Paper, Text } from '@mantine/core';
import { Suspense } from 'react';

import { lazyChunk } from '../../lib/lazy-chunk.ts';
import { type ContainerSummary, containerName } from '../../lib/docker/containers.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

/** The bulk actions (with their mutations and notifications): fetched when the first row is selected. */
const ContainerActions = lazyChunk(() => import('./ContainerActions.tsx').then((m) => ({ default: m.ContainerActions })));

/** The merged log of some containers (by name: a readable, stable URL). */
const mergedLogsUrl = (cs: ContainerSummary[]) => `/logs?containers=${cs.map((c) => encodeURIComponent(containerName(c))).join(',')}`;

/** What the Containers list can do with its selected rows. */
export function SelectionBar({ rows, onRemoved }: { rows: ContainerSummary[]; onRemoved: () => void }) {
  return (
    <Paper withBorder p="xs" aria-label="Selection">
      <Group align="start">
        <Text size="sm" fw={600}>
          {rows.length} selected
        </Text>
        <Button component={EngineLink} to={mergedLogsUrl(rows)} size="xs" variant="default" ml="auto">
          Merged logs
        </Button>
        <Suspense fallback={<Loader size="sm" aria-label="Loading the actions" />}>
          <ContainerActions
            compact
            targets={rows.map((c) => ({ id: c.Id, name: containerName(c), state: c.State }))}
            actions={['start', 'stop', 'restart', 'remove']}
            onRemoved={onRemoved}
          />
        </Suspense>
      </Group>
    </Paper>
  );
}
