import { Anchor, Badge, Checkbox, Code, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatDuration } from '@porthole/shared/run-units';
import { useQuery } from '@tanstack/react-query';

import { CliHint } from '../../components/CliHint.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { type ContainerInspect, containerName } from '../../lib/docker/containers.ts';
import { containerInspectsQuery, unreadContainersQuery } from '../../lib/docker/container-details.ts';
import { UnreadContainersCard } from '../../components/UnreadContainer.tsx';
import { FilterInput, useTableState } from '../../components/data-table.tsx';
import { useHealthTimeline } from './health-events.ts';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { EngineLink } from '../../lib/engine-paths.tsx';

const hasCheck = (c: ContainerInspect) => {
  const t = c.Config.Healthcheck?.Test;
  return !!t?.length && t[0] !== 'NONE';
};
const checkCommand = (test: string[]) => (test[0] === 'CMD-SHELL' ? (test[1] ?? '') : test.slice(1).join(' '));
/** Unhealthy first, then starting, then healthy; by name within each. */
const URGENCY: Record<string, number> = { unhealthy: 0, starting: 1, healthy: 2 };
const urgency = (c: ContainerInspect) => URGENCY[c.State.Health?.Status ?? 'starting'] ?? 3;
const byUrgency = (a: ContainerInspect, b: ContainerInspect) => urgency(a) - urgency(b) || containerName(a).localeCompare(containerName(b));
const time = (iso: string) => new Date(iso).toLocaleTimeString();
const duration = (ns: number | undefined, dflt: string) => (ns ? formatDuration(ns) : `${dflt} (default)`);

function HealthCard({ c }: { c: ContainerInspect }) {
  const h = c.State.Health;
  const hc = c.Config.Healthcheck!;
  const name = containerName(c);
  const log = [...(h?.Log ?? [])].reverse();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Health of ${name}`} data-testid={`health-${name}`}>
      <Group justify="space-between" align="start" wrap="nowrap">
        {/* Shrinks with the card (a phone): a long name or check command wraps, never widens the page. */}
        <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Group gap="xs">
            <Anchor component={EngineLink} to={`/containers/${c.Id}`} fw={600}>
              {name}
            </Anchor>
            <span data-testid={`health-status-${name}`}>
              <StateBadge state={h?.Status ?? (c.State.Running ? 'starting' : c.State.Status)} />
            </span>
            {!!h?.FailingStreak && (
              <Badge color="red" variant="outline" radius="sm">
                failing streak {h.FailingStreak}
              </Badge>
            )}
          </Group>
          <Code style={{ whiteSpace: 'pre-wrap' }}>{checkCommand(hc.Test ?? [])}</Code>
          <Text size="xs" c="dimmed" mt={4}>
            every {duration(hc.Interval, '30s')} · timeout {duration(hc.Timeout, '30s')} · retries {hc.Retries || '3 (default)'} · start
            period {duration(hc.StartPeriod, '0s')}
          </Text>
        </div>
        <CliHint command={`docker inspect --format '{{json .State.Health}}' ${name}`} />
      </Group>
      {log.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {c.State.Running ? 'No check has run yet.' : 'The container is not running: its checks do not run.'}
        </Text>
      ) : (
        <SimpleTable mt="sm" label={`Health log of ${name}`} verticalSpacing={4} columns={['Start', 'End', 'Exit code', 'Output']}>
          {log.map((l) => (
            <Table.Tr key={l.Start}>
              <Table.Td fz="sm">{time(l.Start)}</Table.Td>
              <Table.Td fz="sm">{time(l.End)}</Table.Td>
              <Table.Td>
                <Badge color={l.ExitCode === 0 ? 'green' : 'red'} variant="light" radius="sm">
                  exit {l.ExitCode}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {l.Output.trim() || '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </SimpleTable>
      )}
    </Paper>
  );
}

export function HealthPage() {
  const engine = useEngine();
  const inspected = useQuery(containerInspectsQuery(engine));
  const unread = useQuery(unreadContainersQuery(engine)).data ?? [];
  const timeline = useHealthTimeline();
  const url = useTableState('name');
  const q = url.get('q').toLowerCase();
  const unhealthyOnly = url.get('status') === 'unhealthy';
  const all = (inspected.data ?? []).filter((c): c is ContainerInspect => !!c);
  const checked = all.filter((c) => hasCheck(c) && containerName(c).toLowerCase().includes(q)).sort(byUrgency);
  const shown = checked.filter((c) => !unhealthyOnly || c.State.Health?.Status === 'unhealthy');
  const without = all
    .filter((c) => !hasCheck(c) && containerName(c).toLowerCase().includes(q))
    .sort((a, b) => containerName(a).localeCompare(containerName(b)));
  const counts = { healthy: 0, unhealthy: 0, starting: 0 } as Record<string, number>;
  for (const c of checked) counts[c.State.Health?.Status ?? 'starting'] = (counts[c.State.Health?.Status ?? 'starting'] ?? 0) + 1;
  return (
    <Stack>
      <PageTitle title="Health" command={'docker ps --filter health=unhealthy\ndocker events --filter event=health_status'} />
      <Group>
        <FilterInput label="Filter by name" value={url.get('q')} onChange={(v) => url.set({ q: v || undefined })} />
        <Checkbox
          label={`Only unhealthy (${counts.unhealthy ?? 0})`}
          checked={unhealthyOnly}
          onChange={(e) => url.set({ status: e.currentTarget.checked ? 'unhealthy' : undefined })}
        />
        <Text size="sm" c="dimmed">
          {counts.healthy ?? 0} healthy · {counts.starting ?? 0} starting · {counts.unhealthy ?? 0} unhealthy
        </Text>
      </Group>
      <QueryState isPending={inspected.isPending} error={inspected.error}>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack>
              {shown.length === 0 && (
                <Paper withBorder p="lg">
                  <Text c="dimmed">
                    {unhealthyOnly ? 'No unhealthy container. ' : 'No container has a healthcheck yet. '}
                    Add one with <code>--health-cmd</code> in the{' '}
                    <Anchor component={EngineLink} to="/containers/new">
                      create form
                    </Anchor>{' '}
                    or a <code>HEALTHCHECK</code> in the Dockerfile.
                  </Text>
                </Paper>
              )}
              {shown.map((c) => (
                <HealthCard key={c.Id} c={c} />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack>
              <UnreadContainersCard rows={unread.filter((r) => containerName(r.summary).toLowerCase().includes(q))} what="healthcheck" />
              <Paper withBorder p="md" radius="md" aria-label="Health timeline">
                <Title order={5} mb={2}>
                  Health changes
                </Title>
                <Text size="xs" c="dimmed" mb="xs">
                  Every change Porthole has seen since it started, and the engine&apos;s last hour.
                </Text>
                {timeline.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No health changes seen yet.
                  </Text>
                ) : (
                  <Table aria-label="Health events" verticalSpacing={2}>
                    <Table.Tbody>
                      {timeline.slice(0, 50).map((e) => (
                        <Table.Tr key={`${e.time}-${e.id}-${e.status}`}>
                          <Table.Td fz="xs">{new Date(e.time).toLocaleTimeString()}</Table.Td>
                          <Table.Td fz="sm">{e.name}</Table.Td>
                          <Table.Td miw={110}>
                            {e.previous && (
                              <Text span size="xs" c="dimmed">
                                {e.previous} →{' '}
                              </Text>
                            )}
                            <StateBadge state={e.status} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Paper>
              <Paper withBorder p="md" radius="md" aria-label="Without a healthcheck">
                <Title order={5} mb={4}>
                  Without a healthcheck ({without.length})
                </Title>
                <Text size="xs" c="dimmed" mb="xs">
                  Docker only knows these are running, not that they work. Recreate with e.g.{' '}
                  <code>--health-cmd &apos;wget -q -O- http://localhost/ || exit 1&apos; --health-interval 30s</code>.
                </Text>
                <Table aria-label="Containers without a healthcheck" verticalSpacing={2}>
                  <Table.Tbody>
                    {without.map((c) => (
                      <Table.Tr key={c.Id}>
                        <Table.Td>
                          <Anchor component={EngineLink} to={`/containers/${c.Id}/run-command`} size="sm">
                            {containerName(c)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td miw={100}>
                          <StateBadge state={c.State.Status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </QueryState>
    </Stack>
  );
}
