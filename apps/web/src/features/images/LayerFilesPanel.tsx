import { Alert, Badge, Button, Code, Group, Modal, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import type { FileEntry } from '@porthole/shared/images';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes } from '../../lib/format.ts';
import { layerFileQuery, layerFilesQuery } from '../../lib/docker/images.ts';

const SHOWN = 1500;
const CHANGE_COLOR = { added: 'green', changed: 'yellow', removed: 'red' } as const;

function FileViewer({ imageId, layer, path, onClose }: { imageId: string; layer: number; path: string | null; onClose: () => void }) {
  const engine = useEngine();
  const file = useQuery({ ...layerFileQuery(engine, imageId, layer, path ?? ''), enabled: path !== null });
  return (
    <Modal opened={path !== null} onClose={onClose} title={`${path} (layer ${layer})`} size="xl">
      <QueryState isPending={file.isPending} error={file.error}>
        {file.data?.binary ? (
          <Alert color="gray">Binary file ({formatBytes(file.data.size)}): not shown.</Alert>
        ) : (
          <Stack gap={4}>
            {file.data?.truncated && (
              <Text size="xs" c="dimmed">
                First 1 MB of {formatBytes(file.data.size)}.
              </Text>
            )}
            <Code block aria-label="File contents" mah={500} style={{ overflow: 'auto' }}>
              {file.data?.content}
            </Code>
          </Stack>
        )}
      </QueryState>
    </Modal>
  );
}

/** A layer's changes, or the whole tree up to it, as an indented file tree; text files open. */
export function LayerFilesPanel({ imageId, layer }: { imageId: string; layer: number }) {
  const engine = useEngine();
  const [view, setView] = useState<'changes' | 'tree'>('changes');
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<{ path: string; layer: number } | null>(null);
  const files = useQuery(layerFilesQuery(engine, imageId, layer, view));
  const rows = useMemo(() => {
    const needle = filter.toLowerCase();
    return (files.data?.entries ?? []).filter((e) => !needle || e.path.toLowerCase().includes(needle));
  }, [files.data, filter]);
  const depth = (e: FileEntry) => e.path.split('/').length - 2;

  return (
    <Paper withBorder p="xs">
      <Stack gap="xs">
        <Group justify="space-between">
          <SegmentedControl
            size="xs"
            aria-label="Files view"
            value={view}
            onChange={(v) => setView(v as 'changes' | 'tree')}
            data={[
              { value: 'changes', label: `Changes in layer ${layer}` },
              { value: 'tree', label: `Tree up to layer ${layer}` },
            ]}
          />
          <TextInput
            size="xs"
            aria-label="Filter files"
            placeholder="Filter files"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            w={200}
          />
        </Group>
        <QueryState isPending={files.isPending} error={files.error}>
          <Text size="xs" c="dimmed">
            {rows.length} entries{rows.length > SHOWN ? `, showing the first ${SHOWN} — filter to narrow` : ''}
            {files.data?.truncated ? ' (list truncated by the server)' : ''}
          </Text>
          <Table.ScrollContainer minWidth={400} maxHeight={420}>
            <Table
              aria-label={view === 'changes' ? `Changes in layer ${layer}` : `Tree up to layer ${layer}`}
              verticalSpacing={1}
              fz="xs"
              stickyHeader
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Path</Table.Th>
                  <Table.Th w={90}>Size</Table.Th>
                  <Table.Th w={90}>{view === 'changes' ? 'Change' : 'From layer'}</Table.Th>
                  <Table.Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.slice(0, SHOWN).map((e) => (
                  <Table.Tr key={`${e.path}-${e.change ?? ''}`} data-path={e.path} data-change={e.change}>
                    <Table.Td ff="monospace" style={{ paddingLeft: 8 + depth(e) * 12 }}>
                      {e.path.slice(e.path.lastIndexOf('/') + 1) || e.path}
                      {e.type === 'dir' ? '/' : ''}
                      {e.target ? <Text span c="dimmed" size="xs">{` → ${e.target}`}</Text> : null}
                    </Table.Td>
                    <Table.Td>{e.type === 'file' || e.change === 'removed' ? formatBytes(e.size) : ''}</Table.Td>
                    <Table.Td>
                      {e.change ? (
                        <Badge size="xs" variant="light" color={CHANGE_COLOR[e.change]}>
                          {e.change}
                        </Badge>
                      ) : (
                        e.layer
                      )}
                    </Table.Td>
                    <Table.Td>
                      {e.type === 'file' && e.change !== 'removed' && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={`Open ${e.path}`}
                          onClick={() => setOpen({ path: e.path, layer: e.layer ?? layer })}
                        >
                          Open
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Stack>
      <FileViewer imageId={imageId} layer={open?.layer ?? layer} path={open?.path ?? null} onClose={() => setOpen(null)} />
    </Paper>
  );
}
