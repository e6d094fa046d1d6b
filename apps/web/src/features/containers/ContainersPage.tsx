import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useMemo } from 'react';
import { PlainCheckbox } from '../../components/PlainCheckbox.tsx';
import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { type ContainerSummary, containerListQuery, containerName } from '../../lib/docker/containers.ts';
import { useContainerUsage } from '../../lib/docker/container-usage.ts';
import { DataTable, FilterInput, SelectAllTh, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { COMPOSE, ContainerRow } from './ContainerRow.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { gated, useCans } from '../../lib/role.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { infoQuery } from '../../lib/docker/system.ts';
import { Why } from '../../components/Why.tsx';

const STATES = ['all', 'running', 'paused', 'exited', 'created', 'restarting', 'dead'];

/** The sort picker's choices: every column the headers sort by, both ways ("CPU ↓": biggest first). */
const SORTS = [
  ['name', 'Name'],
  ['image', 'Image'],
  ['state', 'State'],
  ['status', 'Status'],
  ['created', 'Created'],
  ['cpu', 'CPU'],
  ['memory', 'Memory'],
  ['project', 'Project'],
].flatMap(([column, label]) => [
  { value: `${column} asc`, label: `Sorted by ${label} ↑` },
  { value: `${column} desc`, label: `Sorted by ${label} ↓` },
]);

function matches(c: ContainerSummary, q: string, label: string): boolean {
  const text = q.trim().toLowerCase();
  if (text && !(containerName(c).toLowerCase().includes(text) || c.Image.toLowerCase().includes(text) || c.Id.startsWith(text)))
    return false;
  if (label.trim()) {
    const [k, v] = label.split('=', 2) as [string, string | undefined];
    if (!(k in c.Labels) || (v !== undefined && c.Labels[k] !== v)) return false;
  }
  return true;
}

const ACCESSORS: Record<string, (c: ContainerSummary) => string | number> = {
  name: (c) => containerName(c),
  image: (c) => c.Image,
  state: (c) => c.State,
  status: (c) => c.Status,
  created: (c) => c.Created,
  project: (c) => c.Labels[COMPOSE] ?? '',
};

export function ContainersPage() {
  // Once for the whole list (not per row): what the signed-in role may do.
  const { create, ...can } = useCans({ create: 'container.create', act: 'container.act', terminal: 'container.terminal' });
  const engine = useEngine();
  const list = useQuery(containerListQuery(engine));
  const hostMemory = useQuery(infoQuery(engine)).data?.MemTotal;
  // One shared usage feed for every row (no stats stream per row); only while something runs.
  const usage = useContainerUsage(
    engine,
    (list.data ?? []).some((c) => c.State === 'running'),
  );
  const url = useTableState('name');
  // Rows show "created … ago": when the page renders in a new minute (a refetch, a usage frame), they do too.
  const minute = Math.floor(Date.now() / 60_000);
  const q = url.get('q');
  const state = url.get('state') || 'all';
  const label = url.get('label');
  const grouped = url.get('group') === 'compose';
  const selected = url.selected;

  const filtered = useMemo(
    () => (list.data ?? []).filter((c) => (state === 'all' || c.State === state) && matches(c, q, label)),
    [list.data, state, q, label],
  );
  // CPU and memory sort by the live figures (a stopped container has none: last either way), so the
  // order follows them as they change, like `docker stats` sorted in a terminal.
  const accessors = useMemo(
    () => ({
      ...ACCESSORS,
      cpu: (c: ContainerSummary) => (c.State === 'running' ? (usage.get(c.Id)?.cpuPercent ?? undefined) : undefined),
      memory: (c: ContainerSummary) => (c.State === 'running' ? (usage.get(c.Id)?.memoryUsage ?? undefined) : undefined),
    }),
    [usage],
  );
  const rows = useSortedRows(filtered, accessors, url.sort, url.dir);
  const groups = useMemo(() => {
    if (!grouped) return [{ project: '', rows }];
    const by = new Map<string, ContainerSummary[]>();
    for (const r of rows) by.set(r.Labels[COMPOSE] ?? '', [...(by.get(r.Labels[COMPOSE] ?? '') ?? []), r]);
    return [...by.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([project, rs]) => ({ project, rows: rs }));
  }, [rows, grouped]);
  const selectedRows = (list.data ?? []).filter((c) => selected.has(c.Id));
  // The Project column only where there is a project to show.
  const withProject = rows.some((c) => c.Labels[COMPOSE]);
  const columns = withProject ? 11 : 10;

  return (
    <Stack>
      <Group justify="space-between">
        <Text component="h2" fz="h2" fw={700} m={0}>
          Containers
        </Text>
        <Group>
          <CliHint
            command={`docker ps -a${state !== 'all' ? ` --filter status=${state}` : ''}${label ? ` --filter label=${label}` : ''}`}
          />
          {create.allowed ? (
            <Button component={EngineLink} to="/containers/new">
              New container
            </Button>
          ) : (
            <Why p={create}>
              <Button {...gated(create)}>New container</Button>
            </Why>
          )}
        </Group>
      </Group>
      <Group gap="sm" align="end">
        <FilterInput
          label="Filter containers"
          placeholder="Name, image or id (press /)"
          value={q}
          onChange={(v) => url.set({ q: v || undefined })}
        />
        {/* A native select, not a SegmentedControl: the /containers first load stays under 150 kB gzip. */}
        <NativeSelect
          aria-label="State"
          size="sm"
          data={STATES}
          value={state}
          onChange={(e) => url.set({ state: e.currentTarget.value === 'all' ? undefined : e.currentTarget.value })}
        />
        <TextInput
          aria-label="Label filter"
          placeholder="label key or key=value"
          size="sm"
          w={220}
          value={label}
          onChange={(e) => url.set({ label: e.currentTarget.value || undefined })}
        />
        <PlainCheckbox
          label="Group by compose project"
          checked={grouped}
          onChange={(e) => url.set({ group: e.currentTarget.checked ? 'compose' : undefined })}
        />
      </Group>
      {selectedRows.length > 0 && <SelectionBar rows={selectedRows} onRemoved={() => url.setSelected([])} />}
      <QueryState isPending={list.isPending} error={list.error}>
        {list.data && list.data.length === 0 ? (
          <Paper withBorder p="xl" ta="center">
            <Text fw={600}>No containers on this engine yet.</Text>
            <Text size="sm" c="dimmed">
              Create one with{' '}
              <Anchor component={EngineLink} to="/containers/new">
                New container
              </Anchor>
              , or run <code>docker run -d nginx</code> — it appears here at once.
            </Text>
          </Paper>
        ) : (
          // No minimum width: the columns fit the box at any width (global.css `.containers-list`).
          <div className="containers-list" data-project={withProject || undefined}>
            {/* Where columns give way (a phone), their headers go too: the order is chosen and shown here. */}
            <NativeSelect
              className="cl-sort"
              aria-label="Sort by"
              size="sm"
              mb="xs"
              data={SORTS}
              value={`${url.sort} ${url.dir}`}
              onChange={(e) => {
                const [sort, dir] = e.currentTarget.value.split(' ');
                url.set({ sort, dir });
              }}
            />
            <DataTable
              compact
              scroll
              minWidth={0}
              label="Containers"
              head={
                <Table.Tr>
                  <SelectAllTh table={url} ids={rows.map((r) => r.Id)} />
                  <SortTh label="Name" column="name" table={url} className="cl-name" />
                  <SortTh label="Image" column="image" table={url} className="cl-image" />
                  <SortTh label="State" column="state" table={url} />
                  <SortTh label="Status" column="status" table={url} className="cl-status" />
                  <Table.Th className="cl-ports">Ports</Table.Th>
                  <SortTh label="Created" column="created" table={url} className="cl-created" />
                  <SortTh label="CPU" column="cpu" table={url} className="cl-usage" first="desc" />
                  <SortTh label="Memory" column="memory" table={url} className="cl-usage" first="desc" />
                  {withProject && <SortTh label="Project" column="project" table={url} className="cl-project" />}
                  {/* Not ActionsTh: its VisuallyHidden would join the list's first load. */}
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              }
            >
              {groups.map((g) => (
                <Fragment key={g.project || '-'}>
                  {grouped && (
                    <Table.Tr>
                      <Table.Td colSpan={columns}>
                        <Badge variant="outline" radius="sm">
                          {g.project || 'not in a compose project'}
                        </Badge>{' '}
                        <Text span size="xs" c="dimmed">
                          {g.rows.length} container{g.rows.length === 1 ? '' : 's'}
                        </Text>{' '}
                        {g.project && (
                          <Anchor
                            component={EngineLink}
                            to={`/logs?project=${encodeURIComponent(g.project)}`}
                            size="xs"
                            aria-label={`Logs of ${g.project}`}
                          >
                            Logs
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {g.rows.map((c) => (
                    <ContainerRow
                      key={c.Id}
                      c={c}
                      usage={usage.get(c.Id)}
                      hostMemory={hostMemory}
                      withProject={withProject}
                      can={can}
                      selected={selected.has(c.Id)}
                      onSelect={url.select}
                      minute={minute}
                    />
                  ))}
                </Fragment>
              ))}
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={columns}>
                    <Text size="sm" c="dimmed" ta="center" p="md">
                      No container matches these filters. Clear the filter or pick another state.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </DataTable>
          </div>
        )}
      </QueryState>
    </Stack>
  );
}
