import { Alert, Badge, Button, Code, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { ROLES, type Role } from '@porthole/shared/auth';
import type { UserInfo, UserPatchBody } from '@porthole/shared/users';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { ConfirmDestruction } from '../../components/ConfirmDialog.tsx';
import { DataTable, FilterInput, SortTh, useSortedRows, useTableState } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ActionsTh, RowDangerButton } from '../../components/row-actions.tsx';
import { userDeletion } from '../../lib/destructive-actions.ts';
import { timeAgo } from '../../lib/format.ts';
import { updateUser, userKeys, userSessionsQuery, usersQuery } from '../../lib/users.ts';
import { AllTokens } from './AllTokens.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserSessions } from './UserSessions.tsx';

/** `/users` (admin): accounts, their roles and sessions, and everyone's API tokens. */
export function UsersPage() {
  const client = useQueryClient();
  const users = useQuery(usersQuery());
  const table = useTableState('username');
  const open = table.get('user');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserInfo | null>(null);
  const [deleting, setDeleting] = useState<UserInfo | null>(null);
  const sessions = useQueries({ queries: (users.data ?? []).map((u) => userSessionsQuery(u.id)) });
  const activity = new Map(
    (users.data ?? []).map((u, i) => {
      const list = sessions[i]?.data;
      return [u.id, { count: list?.length, lastSeen: list?.reduce((m, s) => Math.max(m, s.lastSeenAt), 0) ?? 0 }];
    }),
  );
  const patch = useMutation({
    mutationFn: ({ user, body }: { user: UserInfo; body: UserPatchBody }) => updateUser(user.id, body),
    onSettled: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
  const accessors = useMemo(
    () => ({
      username: (u: UserInfo) => u.username,
      role: (u: UserInfo) => u.role,
      created: (u: UserInfo) => Date.parse(u.createdAt) || 0,
    }),
    [],
  );
  // The server keeps one active admin (it refuses to disable, demote or delete the last): so does the page.
  const activeAdmins = (users.data ?? []).filter((u) => u.role === 'admin' && !u.disabled).length;
  const lastAdmin = (u: UserInfo) =>
    u.role === 'admin' && !u.disabled && activeAdmins === 1 ? 'The last active admin cannot be disabled, demoted or deleted' : undefined;
  const needle = table.q.toLowerCase();
  const filtered = (users.data ?? []).filter((u) => !needle || `${u.username} ${u.role}`.toLowerCase().includes(needle));
  const rows = useSortedRows(filtered, accessors, table.sort, table.dir);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Users</Title>
        <Button onClick={() => setCreating(true)}>Create user</Button>
      </Group>
      <FilterInput label="Filter users" value={table.q} onChange={table.setQ} />
      {patch.error && (
        <Alert
          color="red"
          role="alert"
          title="Porthole refused"
          withCloseButton
          onClose={() => patch.reset()}
          closeButtonLabel="Dismiss error"
        >
          {patch.error.message}
        </Alert>
      )}
      <QueryState isPending={users.isPending} error={users.error}>
        <DataTable
          scroll
          label="Users"
          minWidth={760}
          head={
            <Table.Tr>
              <SortTh label="User" column="username" table={table} />
              <SortTh label="Role" column="role" table={table} />
              <Table.Th>Status</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Sessions</Table.Th>
              <ActionsTh />
            </Table.Tr>
          }
        >
          {rows.map((u) => {
            const act = activity.get(u.id);
            const keep = lastAdmin(u);
            return (
              <Fragment key={u.id}>
                <Table.Tr data-user={u.username}>
                  <Table.Td ff="monospace">{u.username}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      w={110}
                      aria-label={`Role of ${u.username}`}
                      value={u.role}
                      disabled={Boolean(keep)}
                      title={keep}
                      data={[...ROLES]}
                      onChange={(e) => patch.mutate({ user: u, body: { role: e.currentTarget.value as Role } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge size="sm" variant="light" color={u.disabled ? 'red' : 'green'}>
                        {u.disabled ? 'disabled' : 'active'}
                      </Badge>
                      {u.mustChangePassword && (
                        <Badge size="sm" variant="light" color="yellow" title="Signs in with a password someone else chose">
                          temporary password
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{act?.lastSeen ? timeAgo(act.lastSeen / 1000) : 'not signed in'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-expanded={open === String(u.id)}
                      aria-label={`Sessions of ${u.username}`}
                      onClick={() => table.set({ user: open === String(u.id) ? undefined : String(u.id) })}
                    >
                      {act?.count ?? '…'} {act?.count === 1 ? 'session' : 'sessions'}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}
                        disabled={Boolean(keep)}
                        title={keep}
                        loading={patch.isPending && patch.variables?.user.id === u.id && 'disabled' in patch.variables.body}
                        onClick={() => patch.mutate({ user: u, body: { disabled: !u.disabled } })}
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`Reset password of ${u.username}`}
                        onClick={() => setResetting(u)}
                      >
                        Reset password
                      </Button>
                      <RowDangerButton
                        label={`Delete user ${u.username}`}
                        onClick={() => setDeleting(u)}
                        disabled={Boolean(keep)}
                        title={keep}
                      >
                        Delete
                      </RowDangerButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {open === String(u.id) && (
                  <Table.Tr>
                    <Table.Td colSpan={6} bg="var(--mantine-color-default-hover)">
                      <UserSessions userId={u.id} username={u.username} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </DataTable>
        {rows.length === 0 && (
          <Text c="dimmed" p="md">
            No user matches. Clear the filter to see them all.
          </Text>
        )}
      </QueryState>
      <AllTokens />
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      <ConfirmDestruction target={deleting} destruction={userDeletion} onClose={() => setDeleting(null)}>
        {(u) => (
          <Text size="sm">
            The account <Code>{u.username}</Code> ({u.role}) is deleted for good: its sessions, terminals and API tokens stop at once. Its
            audit entries stay.
          </Text>
        )}
      </ConfirmDestruction>
    </Stack>
  );
}
