import { Alert, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, shortId, timeAgo } from '../../lib/format.ts';
import { imageKeys, prunePreviewQuery, pruneImages } from '../../lib/docker/images.ts';
import { BuildCachePrune } from './BuildCachePrune.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { failureTitle } from '../../lib/failure-title.ts';

/**
 * `docker image prune` with a preview first: exactly which images go and the bytes freed, with
 * the same mode and label filters the prune then uses; afterwards the engine's report.
 */
export function PruneImagesModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const engine = useEngine();
  const client = useQueryClient();
  const [mode, setMode] = useState<'dangling' | 'all'>('dangling');
  const [labelText, setLabelText] = useState('');
  const [previewing, setPreviewing] = useState<{ all: boolean; labels: string[] } | null>(null);
  const labels = labelText
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const filters = previewing?.labels.length ? JSON.stringify({ label: previewing.labels }) : '';
  const preview = useQuery({ ...prunePreviewQuery(engine, previewing?.all ?? false, filters), enabled: previewing !== null, staleTime: 0 });
  const prune = useMutation({
    mutationFn: () => pruneImages(engine, previewing?.all ?? false, previewing?.labels ?? []),
    onSuccess: () => void client.invalidateQueries({ queryKey: imageKeys.all(engine) }),
  });
  const close = () => {
    setPreviewing(null);
    prune.reset();
    onClose();
  };
  const command = `docker image prune${mode === 'all' ? ' --all' : ''}${labels.map((l) => ` --filter label=${l}`).join('')} --force`;
  const deleted = (prune.data?.ImagesDeleted ?? []).filter((d) => d.Deleted).length;
  const untagged = (prune.data?.ImagesDeleted ?? []).filter((d) => d.Untagged).length;

  return (
    <Modal opened={opened} onClose={close} title="Prune images" size="xl">
      <Stack>
        <SegmentedControl
          aria-label="Which images"
          value={mode}
          onChange={(v) => {
            setMode(v as 'dangling' | 'all');
            setPreviewing(null);
          }}
          data={[
            { value: 'dangling', label: 'Dangling (untagged) images' },
            { value: 'all', label: 'All unused images' },
          ]}
        />
        <TextInput
          label="Only images with label"
          description="key or key=value; several separated by commas (all must match)"
          value={labelText}
          onChange={(e) => {
            setLabelText(e.currentTarget.value);
            setPreviewing(null);
          }}
        />
        <Group>
          <Button variant="light" onClick={() => setPreviewing({ all: mode === 'all', labels })} disabled={prune.isSuccess}>
            Preview
          </Button>
        </Group>
        {previewing && preview.isPending && <Text size="sm">Working out what would be removed…</Text>}
        {preview.error && (
          <Alert color="red" role="alert">
            {preview.error.message}
          </Alert>
        )}
        {previewing && preview.data && !prune.isSuccess && (
          <>
            <Text size="sm" data-testid="prune-preview-summary">
              {preview.data.images.length === 0
                ? 'Nothing to prune: no image matches.'
                : `${preview.data.images.length} images would be removed, freeing ${formatBytes(preview.data.freedBytes)}.`}
            </Text>
            <Text hidden data-testid="prune-preview-bytes">
              {preview.data.freedBytes}
            </Text>
            {preview.data.images.length > 0 && (
              <Table.ScrollContainer minWidth={600} maxHeight={300}>
                <SimpleTable
                  label="Images that would be removed"
                  stickyHeader
                  verticalSpacing={4}
                  columns={['Image', 'Tags', 'Created', 'Size', 'Frees']}
                >
                  {preview.data.images.map((i) => (
                    <Table.Tr key={i.id} data-image-id={i.id}>
                      <Table.Td>
                        <Code>{shortId(i.id)}</Code>
                      </Table.Td>
                      <Table.Td ff="monospace" fz="xs">
                        {i.tags.join(', ') || '<none>'}
                      </Table.Td>
                      <Table.Td>{timeAgo(i.created)}</Table.Td>
                      <Table.Td>{formatBytes(i.size)}</Table.Td>
                      <Table.Td>{formatBytes(i.freedBytes)}</Table.Td>
                    </Table.Tr>
                  ))}
                </SimpleTable>
              </Table.ScrollContainer>
            )}
          </>
        )}
        {prune.error && (
          <Alert color="red" role="alert" title={failureTitle(prune.error)}>
            {prune.error.message}
          </Alert>
        )}
        {prune.data && (
          <Alert color="green" title="Pruned" data-testid="prune-report">
            Deleted {deleted} images and layers{untagged ? `, untagged ${untagged}` : ''}; the engine reports{' '}
            <strong data-testid="prune-reclaimed" data-bytes={prune.data.SpaceReclaimed}>
              {formatBytes(prune.data.SpaceReclaimed)}
            </strong>{' '}
            reclaimed.
          </Alert>
        )}
        <CliHint command={command} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {prune.isSuccess ? 'Close' : 'Cancel'}
          </Button>
          {!prune.isSuccess && (
            <Button
              color="red"
              disabled={!preview.data || preview.data.images.length === 0}
              loading={prune.isPending}
              onClick={() => prune.mutate()}
            >
              {`Prune ${preview.data?.images.length ?? 0} images`}
            </Button>
          )}
        </Group>
        <BuildCachePrune />
      </Stack>
    </Modal>
  );
}
