import { Button, Table, Text } from '@mantine/core';
import type { SessionInfo } from '@porthole/shared/users';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { timeAgo } from '../../lib/format.ts';
import { revokeSession, userKeys, userSessionsQuery } from '../../lib/users.ts';

export const sessionLine = (s: SessionInfo) =>
  `Signed in from ${s.ip ?? 'an unknown address'}, ${s.userAgent ?? 'unknown browser'}, last seen ${timeAgo(s.lastSeenAt / 1000)}`;

/** One user's signed-in browsers, each with Revoke (closes its websockets and terminals). */
export function UserSessions({ userId, username }: { userId: number; username: string }) {
  const client = useQueryClient();
  const sessions = useQuery(userSessionsQuery(userId));
  const revoke = useMutation({
    mutationFn: (s: SessionInfo) => revokeSession(s.id),
    onSettled: () => void client.invalidateQueries({ queryKey: userKeys.sessions(userId) }),
  });
  return (
    <QueryState isPending={sessions.isPending} error={sessions.error ?? revoke.error}>
      {sessions.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {username} is not signed in anywhere.
        </Text>
      ) : (
        <SimpleTable label={`Sessions of ${username}`} columns={['Session', 'Expires', '']}>
          {sessions.data?.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
                {sessionLine(s)}
                {s.current ? ' (this browser)' : ''}
              </Table.Td>
              <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {new Date(s.expiresAt).toLocaleString()}
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Revoke session of ${username} from ${s.ip ?? 'unknown'}`}
                  loading={revoke.isPending && revoke.variables?.id === s.id}
                  onClick={() => revoke.mutate(s)}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </SimpleTable>
      )}
    </QueryState>
  );
}
