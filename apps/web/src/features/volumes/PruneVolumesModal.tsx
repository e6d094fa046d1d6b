import { Alert, Button, Code, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { bindText } from '../../lib/bind-text.ts';
import { formatBytes } from '../../lib/format.ts';
import { versionQuery } from '../../lib/docker/system.ts';
import { pruneCommand, prunePreviewQuery, pruneVolumes, volumeKeys, volumeSizesQuery } from '../../lib/docker/volumes.ts';
import { failureTitle } from '../../lib/failure-title.ts';

/** `docker volume prune` with a preview of exactly what goes (names and bytes), optionally narrowed by a label. */
export function PruneVolumesModal({ onClose }: { onClose: () => void }) {
  const engine = useEngine();
  const client = useQueryClient();
  const [label, setLabel] = useState('');
  const [debounced] = useDebouncedValue(label, 300);
  const preview = useQuery(prunePreviewQuery(engine, debounced));
  const sizes = useQuery(volumeSizesQuery(engine));
  const version = useQuery(versionQuery(engine));
  const apiVersion = version.data?.ApiVersion ?? '1.41';
  const doomed = preview.data ?? [];
  const total = doomed.reduce((s, v) => s + Math.max(0, sizes.data?.get(v.Name)?.Size ?? 0), 0);
  const mutation = useMutation({
    mutationFn: () => pruneVolumes(engine, debounced, apiVersion),
    onSuccess: () => void client.invalidateQueries({ queryKey: volumeKeys.all(engine) }),
  });
  const done = mutation.data;
  return (
    <Modal opened onClose={onClose} title="Prune unused volumes?" size="lg">
      <Stack>
        <TextInput
          label="Only volumes with this label"
          description="key or key=value; empty: every unused volume"
          {...bindText(label, setLabel)}
          data-autofocus
        />
        {done ? (
          <Alert color="green" title="Pruned">
            Removed {done.VolumesDeleted?.length ?? 0} volume(s), reclaimed {formatBytes(done.SpaceReclaimed)}.
          </Alert>
        ) : doomed.length === 0 ? (
          <Text size="sm">{preview.isPending ? 'Working out what would go…' : 'No unused volume matches: nothing would be removed.'}</Text>
        ) : (
          <>
            <Text size="sm">
              These {doomed.length} volume(s) are used by no container and will be deleted with their data ({formatBytes(total)}):
            </Text>
            <Table aria-label="Volumes to prune">
              <Table.Tbody>
                {doomed.map((v) => (
                  <Table.Tr key={v.Name} data-name={v.Name}>
                    <Table.Td ff="monospace" fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {v.Name}
                    </Table.Td>
                    <Table.Td fz="xs">{formatBytes(sizes.data?.get(v.Name)?.Size ?? undefined)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {mutation.error && (
          <Alert color="red" role="alert" title={failureTitle(mutation.error)}>
            {mutation.error.message}
          </Alert>
        )}
        <CliHint command={pruneCommand(debounced, apiVersion)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </Button>
          {!done && (
            <Button
              color="red"
              disabled={doomed.length === 0 || label !== debounced}
              loading={mutation.isPending}
              onClick={() => mutation.mutate()}
            >
              Remove {doomed.length} volume{doomed.length === 1 ? '' : 's'}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          <Code>docker volume prune</Code> removes volumes no container uses, running or stopped.
        </Text>
      </Stack>
    </Modal>
  );
}
