import { Alert, Anchor, Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { EngineInfo } from '@porthole/shared/engines';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { enginePath } from '../../lib/engine-paths.tsx';
import { engineQuery, engineRegistryKeys, removeEngine, testEngine } from '../../lib/engines.ts';
import { gated, type Permission } from '../../lib/role.ts';
import { EngineFormModal } from './EngineFormModal.tsx';

const HEALTH = {
  up: { color: 'green', label: 'up' },
  down: { color: 'red', label: 'down' },
  unknown: { color: 'gray', label: 'checking…' },
};

function Count({ label, value, color }: { label: string; value?: number; color?: string }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} c={value ? color : undefined} data-testid={`count-${label}`}>
        {value ?? '—'}
      </Text>
    </Box>
  );
}

/** One engine on the All engines page: its own query, so a broken or slow engine holds only its own card. */
export function EngineCard({ id, initial, manage }: { id: string; initial: EngineInfo; manage: Permission }) {
  const client = useQueryClient();
  const q = useQuery({ ...engineQuery(id), initialData: initial });
  const e = q.data;
  // Both times are the server's (one clock): since when the engine has been in this state, and the last check.
  const since = e.health.since ? new Date(e.health.since) : undefined;
  const h = HEALTH[e.health.state];
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const test = useMutation({ mutationFn: () => testEngine(id) });
  const c = e.counts;
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Engine ${e.name}`} data-health={e.health.state}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Box w={12} h={12} style={{ borderRadius: '50%', background: e.colour, flex: 'none' }} aria-hidden />
            <Anchor component={Link} to={enginePath(id, '/')} fw={700} truncate>
              {e.name}
            </Anchor>
          </Group>
          <Badge color={h.color} variant="light" data-testid="engine-health" aria-label={`health ${h.label}`}>
            {h.label}
          </Badge>
        </Group>
        <Text size="xs" ff="monospace" c="dimmed" truncate title={e.host}>
          {e.host}
          {e.tls ? ' · TLS' : ''}
          {e.tls && !e.tls.verify ? ' (not verified)' : ''}
          {e.ssh ? ' · key' : ''}
        </Text>
        <Text
          size="xs"
          c="dimmed"
          data-testid="engine-times"
          title="As this Porthole has seen it: since its first check that found the engine so"
        >
          {since ? `${h.label} since ${since.toLocaleTimeString()}` : ''}
          {e.health.lastCheckedAt ? ` · checked ${new Date(e.health.lastCheckedAt).toLocaleTimeString()}` : ''}
        </Text>
        <Text size="sm">
          {e.version ? `Docker ${e.version} (API ${e.apiVersion ?? '?'})` : 'version unknown'} · {e.os ?? '?'}/{e.arch ?? '?'} · Swarm:{' '}
          {e.swarmRole}
        </Text>
        <SimpleGrid cols={4} spacing="xs">
          <Count label="running" value={c?.containersRunning} color="green" />
          <Count label="stopped" value={c?.containersStopped} />
          <Count label="unhealthy" value={c?.containersUnhealthy} color="red" />
          <Count label="images" value={c?.images} />
        </SimpleGrid>
        {e.health.lastError && (
          <Alert color="red" p="xs" role="alert" title="Last error">
            <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
              {e.health.lastError}
            </Text>
          </Alert>
        )}
        {q.error && (
          <Text size="xs" c="red" role="alert">
            Could not refresh: {q.error.message}
          </Text>
        )}
        {e.warning && (
          <Text size="xs" c="orange">
            ⚠ {e.warning}
          </Text>
        )}
        {test.data && (
          <Text size="xs" c={test.data.ok ? 'teal' : 'red'} role="status" data-testid="engine-test-result">
            {test.data.ok ? `✓ Docker ${test.data.version} answered (${test.data.os}/${test.data.arch})` : `✗ ${test.data.message}`}
          </Text>
        )}
        {test.error && (
          <Text size="xs" c="red" role="alert">
            ✗ {test.error.message}
          </Text>
        )}
        <Group gap="xs">
          <Button size="compact-sm" variant="default" {...gated(manage)} onClick={() => test.mutate()} loading={test.isPending}>
            Test
          </Button>
          <Button size="compact-sm" variant="default" {...gated(manage)} onClick={() => setEditing(true)}>
            Edit
          </Button>
          {id !== 'local' && (
            <Button size="compact-sm" variant="subtle" color="red" {...gated(manage)} onClick={() => setRemoving(true)}>
              Remove
            </Button>
          )}
        </Group>
      </Stack>
      {editing && <EngineFormModal opened onClose={() => setEditing(false)} existing={e} />}
      <ConfirmDialog
        opened={removing}
        onClose={() => setRemoving(false)}
        title={`Remove engine ${e.name}?`}
        confirmLabel="Remove engine"
        command={`docker context rm ${id}`}
        action={() => removeEngine(id)}
        onDone={() => void client.invalidateQueries({ queryKey: engineRegistryKeys.all })}
      >
        <Text size="sm">
          Porthole forgets <b>{e.name}</b> ({e.host}) and its stored keys. Nothing on the engine itself is changed: its containers, images
          and volumes stay.
        </Text>
      </ConfirmDialog>
    </Card>
  );
}
