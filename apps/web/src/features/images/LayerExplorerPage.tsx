import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Paper, RingProgress, Stack, Table, Text, Title } from '@mantine/core';
import { dockerfileLine } from '@porthole/shared/image-history';
import type { Hint, LayerSummary } from '@porthole/shared/images';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatBytes, shortId } from '../../lib/format.ts';
import { analysisQuery, imageHistoryQuery, imageInspectQuery, imageTags } from '../../lib/docker/images.ts';
import { LayerFilesPanel } from './LayerFilesPanel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';

function HintCard({ hint, onLayer }: { hint: Hint; onLayer: (i: number) => void }) {
  return (
    <Alert
      color={hint.severity === 'warning' ? 'orange' : 'blue'}
      title={hint.title}
      data-hint={hint.kind}
      data-layers={hint.layers.join(',')}
      p="xs"
    >
      <Stack gap={4}>
        <Text size="sm">{hint.detail}</Text>
        <Group gap={4}>
          {hint.layers.map((l) => (
            <Button key={l} size="compact-xs" variant="light" onClick={() => onLayer(l)} aria-label={`Show layer ${l}`}>
              layer {l}
            </Button>
          ))}
          {(hint.paths ?? []).slice(0, 4).map((p) => (
            <Badge key={p} size="xs" variant="outline" tt="none" ff="monospace">
              {p}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}

/** `/images/:id/layers/explore`: dive in the browser — layers, files, efficiency, waste, hints. */
export function LayerExplorerPage() {
  const engine = useEngine();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const inspect = useQuery(imageInspectQuery(engine, id));
  const analysis = useQuery(analysisQuery(engine, inspect.data?.Id ?? id));
  // The size of a layer as the Layers tab and `docker history` give it (the engine's diff size,
  // directories and metadata included), so both views agree; the files' bytes are in the tooltip.
  const history = useQuery({ ...imageHistoryQuery(engine, inspect.data?.Id ?? id), enabled: !!inspect.data });
  const a = analysis.data;
  const sizeOf = (l: LayerSummary) => history.data?.[l.historyIndex]?.Size ?? l.size;
  const layer = Math.min(Number(params.get('layer') ?? (a ? a.layers.length - 1 : 0)), Math.max(0, (a?.layers.length ?? 1) - 1));
  const setLayer = (i: number) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('layer', String(i));
        return n;
      },
      { replace: true },
    );
  const name = inspect.data ? (imageTags(inspect.data)[0] ?? shortId(inspect.data.Id)) : id;
  const maxSize = Math.max(1, ...(a?.layers.map(sizeOf) ?? [1]));

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={2}>
          <Breadcrumbs
            items={[
              { to: '/images', label: 'Images' },
              { to: `/images/${encodeURIComponent(id)}/layers`, label: name, mono: true },
            ]}
          />
          <Title order={2}>Layer explorer</Title>
        </Stack>
        <CliHint command={`docker save ${name} | tar -x && tar -tvf <layer>/layer.tar   # or: dive ${name}`} />
      </Group>
      {analysis.isPending && (
        <Group>
          <Loader size="sm" aria-label="Analysing" />
          <Text size="sm">Reading the image export layer by layer… (large images take a while; the result is cached)</Text>
        </Group>
      )}
      <QueryState isPending={analysis.isPending} error={analysis.error}>
        {a && (
          <>
            <Grid>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Paper withBorder p="md" h="100%">
                  <Group>
                    <RingProgress
                      size={96}
                      thickness={10}
                      sections={[
                        { value: a.efficiency * 100, color: a.efficiency > 0.95 ? 'green' : a.efficiency > 0.8 ? 'yellow' : 'red' },
                      ]}
                      label={
                        <Text ta="center" size="sm" fw={700} data-testid="efficiency" data-value={a.efficiency}>
                          {(a.efficiency * 100).toFixed(1)}%
                        </Text>
                      }
                    />
                    <Stack gap={2}>
                      <Text fw={600}>Efficiency</Text>
                      <Text size="xs" c="dimmed">
                        {formatBytes(a.finalBytes)} in the final image / {formatBytes(a.shippedBytes)} shipped in layers
                      </Text>
                      <Text size="sm">
                        Wasted:{' '}
                        <strong data-testid="wasted-bytes" data-bytes={a.wastedBytes}>
                          {formatBytes(a.wastedBytes)}
                        </strong>
                      </Text>
                    </Stack>
                  </Group>
                </Paper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <Paper withBorder p="xs" h="100%">
                  <Text fw={600} size="sm" mb={4}>
                    Wasted space by path
                  </Text>
                  {a.wasted.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      Nothing wasted: no file is overwritten or deleted by a later layer.
                    </Text>
                  ) : (
                    <Table.ScrollContainer minWidth={400} maxHeight={130}>
                      <Table aria-label="Wasted space" verticalSpacing={2} fz="xs">
                        <Table.Tbody>
                          {a.wasted.slice(0, 50).map((w) => (
                            <Table.Tr key={w.path} data-path={w.path} data-bytes={w.bytes}>
                              <Table.Td ff="monospace">{w.path}</Table.Td>
                              <Table.Td>{formatBytes(w.bytes)}</Table.Td>
                              <Table.Td>
                                from layer {w.layers.join(', ')}
                                {w.removedIn !== undefined ? `, deleted in ${w.removedIn}` : ', overwritten'}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  )}
                </Paper>
              </Grid.Col>
            </Grid>
            {a.hints.length > 0 && (
              <Stack gap="xs" aria-label="Hints" role="region">
                <Text fw={600}>Hints ({a.hints.length})</Text>
                <Grid>
                  {a.hints.map((h) => (
                    <Grid.Col key={`${h.kind}-${h.layers.join('-')}-${h.title}`} span={{ base: 12, lg: 6 }}>
                      <HintCard hint={h} onLayer={setLayer} />
                    </Grid.Col>
                  ))}
                </Grid>
              </Stack>
            )}
            <Grid>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Paper withBorder p={0}>
                  <SimpleTable
                    label="Layers"
                    highlightOnHover
                    verticalSpacing={4}
                    fz="xs"
                    columns={['#', 'Instruction', 'Size', '+ / ~ / −']}
                  >
                    {a.layers.map((l) => (
                      <Table.Tr
                        key={l.index}
                        onClick={() => setLayer(l.index)}
                        bg={l.index === layer ? 'var(--mantine-color-blue-light)' : undefined}
                        style={{ cursor: 'pointer' }}
                        aria-selected={l.index === layer}
                        data-layer={l.index}
                      >
                        <Table.Td>
                          <Anchor component="button" size="xs" onClick={() => setLayer(l.index)} aria-label={`Layer ${l.index}`}>
                            {l.index}
                          </Anchor>
                        </Table.Td>
                        <Table.Td
                          ff="monospace"
                          maw={260}
                          style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                          title={l.createdBy}
                        >
                          {dockerfileLine(l.createdBy).line}
                        </Table.Td>
                        <Table.Td title={`${formatBytes(l.size)} in ${l.files} files`} data-layer-size={sizeOf(l)}>
                          <div
                            style={{
                              width: `${Math.max(2, (sizeOf(l) / maxSize) * 60)}px`,
                              height: 6,
                              background: 'var(--mantine-color-blue-filled)',
                              borderRadius: 3,
                            }}
                          />
                          {formatBytes(sizeOf(l))}
                        </Table.Td>
                        <Table.Td>
                          <Text span c="green" size="xs">
                            {l.added}
                          </Text>{' '}
                          /{' '}
                          <Text span c="yellow.7" size="xs">
                            {l.changed}
                          </Text>{' '}
                          /{' '}
                          <Text span c="red" size="xs">
                            {l.removed}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </SimpleTable>
                </Paper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <LayerFilesPanel imageId={a.imageId} layer={layer} />
              </Grid.Col>
            </Grid>
            <Text size="xs" c="dimmed">
              Analysed in {(a.durationMs / 1000).toFixed(1)} s at {new Date(a.analysedAt).toLocaleTimeString()} (cached per image id).
            </Text>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
