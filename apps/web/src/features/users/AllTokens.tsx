import { Badge, Code, Paper, Table, Text, Title } from '@mantine/core';
import type { TokenInfo } from '@porthole/shared/auth';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDestruction } from '../../components/ConfirmDialog.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { RowDangerButton } from '../../components/row-actions.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { tokenRevocation } from '../../lib/destructive-actions.ts';
import { timeAgo } from '../../lib/format.ts';
import { allTokensQuery } from '../../lib/tokens.ts';

/** Everyone's API tokens (admin): owner, the role they act with, last use; revoke any. */
export function AllTokens() {
  const tokens = useQuery(allTokensQuery());
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={4}>API tokens of all users</Title>
      <Text size="sm" c="dimmed" mb="sm">
        A token acts as its owner, or read-only when limited to viewer. Users create their own in Settings.
      </Text>
      <QueryState isPending={tokens.isPending} error={tokens.error}>
        {tokens.data?.length === 0 ? (
          <Text c="dimmed" size="sm">
            No API tokens. Users create them in Settings to use the docker CLI through Porthole.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <SimpleTable label="API tokens of all users" columns={['Name', 'Owner', 'Acts as', 'Created', 'Last used', '']}>
              {tokens.data?.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td ff="monospace">{t.owner}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={t.role ? 'gray' : 'blue'}>
                      {t.role ?? 'owner'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{timeAgo(t.createdAt)}</Table.Td>
                  <Table.Td>{t.lastUsedAt ? timeAgo(t.lastUsedAt) : 'never'}</Table.Td>
                  <Table.Td>
                    <RowDangerButton label={`Revoke token ${t.name} of ${t.owner}`} onClick={() => setRevoking(t)}>
                      Revoke
                    </RowDangerButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </SimpleTable>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <ConfirmDestruction target={revoking} destruction={tokenRevocation} onClose={() => setRevoking(null)}>
        {(t) => (
          <Text size="sm">
            The token <Code>{t.name}</Code> of <b>{t.owner}</b> stops working at once: scripts and CLIs using it are refused.
          </Text>
        )}
      </ConfirmDestruction>
    </Paper>
  );
}
