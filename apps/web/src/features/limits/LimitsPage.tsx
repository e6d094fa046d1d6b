import { Alert, Anchor, Badge, Button, Checkbox, Code, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { type ContainerInspect, containerKeys, containerName, setMemoryLimit, updateContainer } from '../../lib/docker/containers.ts';
import { containerInspectsQuery, unreadContainersQuery } from '../../lib/docker/container-details.ts';
import { capabilitiesQuery } from '../../lib/docker/system.ts';
import { UnreadTableRow } from '../../components/UnreadContainer.tsx';
import { LimitCells, OomKilledBadge } from './LimitCells.tsx';
import { CpuText, useLiveUsage } from '../../components/LiveUsage.tsx';
import { MemoryBar } from '../../components/MemoryBar.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { draftFrom, type LimitsDraft, planUpdate } from './limits-update.ts';
import { gated, useCan } from '../../lib/role.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { failureTitle } from '../../lib/failure-title.ts';

const EDITABLE: Array<[keyof LimitsDraft, string, number]> = [
  ['cpus', 'CPUs', 52],
  ['cpuShares', 'CPU shares', 52],
  ['cpusetCpus', 'CPU set', 48],
  ['memory', 'Memory', 56],
  ['memorySwap', 'Memory + swap', 56],
  ['pidsLimit', 'PIDs limit', 48],
  ['blkioWeight', 'Block IO weight', 48],
  ['restart', 'Restart', 76],
];

function Row({
  c,
  editing,
  onEdit,
  blkioSupported,
}: {
  c: ContainerInspect;
  editing: boolean;
  onEdit: (on: boolean) => void;
  blkioSupported?: boolean;
}) {
  const update = useCan('container.update');
  const engine = useEngine();
  const client = useQueryClient();
  const name = containerName(c);
  const running = c.State.Running;
  const usage = useLiveUsage(engine, c.Id, running);
  const before = draftFrom(c);
  const [draft, setDraft] = useState(before);
  const plan = planUpdate(name, before, draft, c.HostConfig);
  const hasErrors = Object.keys(plan.errors).length > 0;
  const apply = useMutation({
    mutationFn: async () => {
      const warnings = plan.memory === undefined ? [] : (await setMemoryLimit(engine, c.Id, plan.memory)).warnings;
      if (Object.keys(plan.body).length === 0) return warnings;
      return [...warnings, ...((await updateContainer(engine, c.Id, plan.body))?.Warnings ?? [])];
    },
    onSuccess: (warnings) => {
      notifications.show({ message: `Updated ${name}${warnings.length ? `: ${warnings.join('; ')}` : ''}` });
      onEdit(false);
      void client.invalidateQueries({ queryKey: containerKeys.all(engine) });
    },
  });
  const noMemory = !c.HostConfig.Memory;
  const noCpu = !c.HostConfig.NanoCpus && !c.HostConfig.CpuQuota;
  return (
    <>
      <Table.Tr data-testid={`limits-row-${name}`}>
        <Table.Td>
          <Anchor component={EngineLink} to={`/containers/${c.Id}`} size="sm" fw={600}>
            {name}
          </Anchor>
          <Group gap={4}>
            <StateBadge state={c.State.Status} />
            <OomKilledBadge c={c} />
          </Group>
        </Table.Td>
        {editing ? (
          EDITABLE.map(([k, label, w]) => (
            <Table.Td key={k}>
              <TextInput
                size="xs"
                w={w}
                aria-label={`${label} of ${name}`}
                value={draft[k]}
                placeholder="none"
                // The message itself is in the row below (a narrow cell would wrap it word by word).
                error={Boolean(plan.errors[k])}
                onChange={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
                ff="monospace"
              />
            </Table.Td>
          ))
        ) : (
          <LimitCells c={c} blkioSupported={blkioSupported} />
        )}
        <Table.Td>
          <CpuText percent={usage?.cpuPercent} />
        </Table.Td>
        <Table.Td miw={96}>
          <MemoryBar used={usage?.memUsage} limit={c.HostConfig.Memory ? usage?.memLimit : undefined} />
        </Table.Td>
        <Table.Td ff="monospace">{usage?.pids ?? '—'}</Table.Td>
        <Table.Td miw={120}>
          <Group gap={4}>
            {noMemory && (
              <Badge color="orange" variant="light" radius="sm">
                no memory limit
              </Badge>
            )}
            {noCpu && (
              <Badge color="orange" variant="light" radius="sm">
                no CPU limit
              </Badge>
            )}
          </Group>
        </Table.Td>
        <Table.Td>
          {editing ? (
            <Text size="xs" c="dimmed">
              editing
            </Text>
          ) : (
            <Button
              size="xs"
              variant="default"
              aria-label={`Edit limits of ${name}`}
              {...gated(update)}
              onClick={() => {
                setDraft(before);
                onEdit(true);
              }}
            >
              Edit
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {editing && (
        <Table.Tr>
          <Table.Td colSpan={14}>
            <Stack gap={4}>
              <Code block aria-label="docker update command" data-testid="update-command">
                {plan.command || `docker update … ${name}   (change a value above)`}
              </Code>
              {plan.swapNote && (
                <Text size="xs" c="dimmed" data-testid="swap-note">
                  {plan.swapNote}
                </Text>
              )}
              {hasErrors && (
                <Text size="sm" c="red" role="alert" data-testid="limits-errors">
                  {EDITABLE.filter(([k]) => plan.errors[k])
                    .map(([k, label]) => `${label}: ${plan.errors[k]}`)
                    .join(' · ')}
                </Text>
              )}
              <Group gap={4} wrap="nowrap">
                <Button size="xs" onClick={() => apply.mutate()} disabled={hasErrors || !plan.command} loading={apply.isPending}>
                  Apply
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setDraft(before);
                    apply.reset();
                    onEdit(false);
                  }}
                >
                  Cancel
                </Button>
              </Group>
              {apply.error && (
                <Alert color="red" role="alert" title={failureTitle(apply.error)}>
                  {apply.error.message}
                </Alert>
              )}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

const ACCESSORS: Record<string, (c: ContainerInspect) => string | number> = {
  name: (c) => containerName(c),
  memory: (c) => c.HostConfig.Memory ?? 0,
  cpus: (c) => c.HostConfig.NanoCpus ?? 0,
  pids: (c) => c.HostConfig.PidsLimit ?? 0,
};

export function LimitsPage() {
  const engine = useEngine();
  const inspected = useQuery(containerInspectsQuery(engine));
  const unread = useQuery(unreadContainersQuery(engine)).data ?? [];
  const blkio = useQuery(capabilitiesQuery(engine)).data?.blkioWeight;
  const blkioSupported = blkio?.supported ?? undefined;
  const url = useTableState('name');
  const q = url.get('q').toLowerCase();
  const flaggedOnly = url.get('flagged') === '1';
  const [editing, setEditing] = useState<string | null>(null);
  const all = (inspected.data ?? []).filter((c): c is ContainerInspect => !!c);
  const rows = useSortedRows(
    all.filter(
      (c) =>
        containerName(c).toLowerCase().includes(q) &&
        (!flaggedOnly || !c.HostConfig.Memory || (!c.HostConfig.NanoCpus && !c.HostConfig.CpuQuota)),
    ),
    ACCESSORS,
    url.sort,
    url.dir,
  );
  const flagged = all.filter((c) => !c.HostConfig.Memory).length;
  const oomKilled = all.filter((c) => c.State.OOMKilled).length;
  const unreadShown = flaggedOnly ? [] : unread.filter((r) => containerName(r.summary).toLowerCase().includes(q));
  return (
    <Stack>
      <PageTitle
        title="Resource limits"
        command={`docker stats --no-stream\ndocker inspect --format '{{.Name}} cpus={{.HostConfig.NanoCpus}} mem={{.HostConfig.Memory}} pids={{.HostConfig.PidsLimit}}' $(docker ps -aq)`}
      />
      <Text size="sm" c="dimmed">
        A container without a memory limit can take all of the host's memory; without a CPU limit, all of its CPUs. Edit a row to change its
        limits live with <code>docker update</code> — the container keeps running.
      </Text>
      {blkio?.supported === false && (
        <Text size="sm" c="orange" data-testid="blkio-unsupported">
          This engine's kernel discards Block I/O weight: <code>--blkio-weight</code> is accepted and has no effect here (the engine warns
          at create: “{blkio.warning}”).
        </Text>
      )}
      <Group>
        <FilterInput label="Filter by name" value={url.get('q')} onChange={(v) => url.set({ q: v || undefined })} />
        <Checkbox
          label={`Only containers without limits (${flagged} without a memory limit)`}
          checked={flaggedOnly}
          onChange={(e) => url.set({ flagged: e.currentTarget.checked ? '1' : undefined })}
        />
        {oomKilled > 0 && (
          <Badge color="red" variant="light" radius="sm">
            {oomKilled} OOM killed
          </Badge>
        )}
      </Group>
      <QueryState isPending={inspected.isPending} error={inspected.error}>
        {all.length === 0 && unread.length === 0 ? (
          <Paper withBorder p="xl" ta="center">
            <Text>
              No containers yet. Create one with limits from the{' '}
              <Anchor component={EngineLink} to="/containers/new">
                create form
              </Anchor>
              .
            </Text>
          </Paper>
        ) : (
          <DataTable
            label="Resource limits"
            compact
            head={
              <Table.Tr>
                <SortTh label="Container" column="name" table={url} />
                <SortTh label="CPUs" column="cpus" table={url} />
                <Table.Th>Shares</Table.Th>
                <Table.Th>CPU set</Table.Th>
                <SortTh label="Memory" column="memory" table={url} />
                <Table.Th>Mem + swap</Table.Th>
                <SortTh label="PIDs limit" column="pids" table={url} />
                <Table.Th title="Block I/O weight (--blkio-weight)">I/O weight</Table.Th>
                <Table.Th>Restart</Table.Th>
                <Table.Th>CPU %</Table.Th>
                <Table.Th>Memory used</Table.Th>
                <Table.Th>PIDs</Table.Th>
                <Table.Th>Flags</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            }
          >
            {rows.map((c) => (
              <Row
                key={c.Id}
                c={c}
                blkioSupported={blkioSupported}
                editing={editing === c.Id}
                onEdit={(on) => setEditing(on ? c.Id : null)}
              />
            ))}
            {unreadShown.map((r) => (
              <UnreadTableRow key={r.summary.Id} row={r} colSpan={13} />
            ))}
          </DataTable>
        )}
      </QueryState>
    </Stack>
  );
}
