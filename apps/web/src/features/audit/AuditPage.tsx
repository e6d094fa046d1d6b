import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditEntry, AuditPage as Page } from '@porthole/shared/audit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DataTable, useTableState } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { AUDIT_PAGE_SIZE, auditExportUrl, auditQuery, matchesAudit, olderAudit } from '../../lib/audit.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { useLiveSubscription } from '../../lib/live-context.tsx';
import { AuditFilterBar, auditFiltersOf } from './AuditFilters.tsx';

const RESULT_COLORS = { ok: 'green', denied: 'orange', error: 'red' } as const;

function AuditRow({ e }: { e: AuditEntry }) {
  return (
    <Table.Tr data-audit-action={e.action}>
      <Table.Td style={{ whiteSpace: 'nowrap' }} title={new Date(e.at).toISOString()}>
        {new Date(e.at).toLocaleString()}
      </Table.Td>
      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {e.user ?? '—'}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.tokenName ?? ''}</Table.Td>
      <Table.Td>{e.role ?? ''}</Table.Td>
      <Table.Td>{e.engine ?? ''}</Table.Td>
      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {e.action}
      </Table.Td>
      <Table.Td ff="monospace" maw={220} style={{ overflowWrap: 'anywhere' }}>
        {e.targetName ? `${e.targetName} ` : ''}
        {e.target && e.target !== e.targetName ? (
          <Text span c="dimmed" fz="xs">
            {e.target.slice(0, 12)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td maw={260}>
        <Badge size="sm" variant="light" color={RESULT_COLORS[e.result]}>
          {e.result} {e.status}
        </Badge>
        {e.message && (
          <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {e.message}
          </Text>
        )}
      </Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {e.client ?? ''}
      </Table.Td>
    </Table.Tr>
  );
}

/** `/audit` (admin): who changed what, filterable (in the URL), live, exportable as CSV or JSON. */
export function AuditPage() {
  const engine = useEngine();
  const client = useQueryClient();
  const table = useTableState('at', 'desc');
  const filters = auditFiltersOf(table);
  const query = auditQuery(filters);
  const page = useQuery(query);
  const [older, setOlder] = useState<Page>({ entries: [], nextCursor: null });
  const key = JSON.stringify(filters);
  useEffect(() => setOlder({ entries: [], nextCursor: null }), [key]);
  const more = useMutation({
    mutationFn: (cursor: number) => olderAudit(filters, cursor),
    onSuccess: (p) => setOlder((o) => ({ entries: [...o.entries, ...p.entries], nextCursor: p.nextCursor })),
  });
  useLiveSubscription(
    engine,
    'audit',
    {},
    {
      onItems: (items) => {
        const fresh = items.filter((e) => matchesAudit(e, filters)).reverse();
        if (fresh.length === 0) return;
        client.setQueryData(query.queryKey, (p: Page | undefined) =>
          p ? { ...p, entries: [...fresh, ...p.entries.filter((e) => !fresh.some((f) => f.id === e.id))] } : p,
        );
      },
    },
  );
  const entries = [...(page.data?.entries ?? []), ...older.entries];
  const cursor = older.entries.length > 0 ? older.nextCursor : page.data?.nextCursor;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Audit log</Title>
        <Group gap="xs">
          <Button component="a" variant="default" size="xs" href={auditExportUrl(filters, 'csv')} download>
            Export CSV
          </Button>
          <Button component="a" variant="default" size="xs" href={auditExportUrl(filters, 'json')} download>
            Export JSON
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Every change and every refused attempt, from the UI, the REST API and the docker CLI through Porthole. New entries appear live.
      </Text>
      <AuditFilterBar table={table} />
      <QueryState isPending={page.isPending} error={page.error}>
        {entries.length === 0 ? (
          <Text c="dimmed" p="md">
            No entry matches these filters. Clear them, or act (restart a container) and watch it appear.
          </Text>
        ) : (
          <DataTable
            scroll
            compact
            minWidth={1100}
            label="Audit log"
            head={
              <Table.Tr>
                {['Time', 'User', 'Token', 'Role', 'Engine', 'Action', 'Target', 'Result', 'Client'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            }
          >
            {entries.map((e) => (
              <AuditRow key={e.id} e={e} />
            ))}
          </DataTable>
        )}
      </QueryState>
      {cursor != null && (
        <Button variant="default" size="xs" loading={more.isPending} onClick={() => more.mutate(cursor)} style={{ alignSelf: 'center' }}>
          Load {AUDIT_PAGE_SIZE} older
        </Button>
      )}
      {more.error && <Text c="red">{more.error.message}</Text>}
    </Stack>
  );
}
