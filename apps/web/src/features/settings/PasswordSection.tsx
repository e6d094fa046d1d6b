import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { MIN_PASSWORD_LENGTH } from '@porthole/shared/auth-rules';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { authKeys, changePassword, logout, meQuery } from '../../lib/auth.ts';
import { bindText } from '../../lib/bind-text.ts';
import { useEngineNavigate } from '../../lib/engine-paths.tsx';

const newPassword = (label: string, field: ReturnType<typeof bindText>, error: string | false) => (
  <PasswordInput label={label} autoComplete="new-password" {...field} error={error || undefined} required />
);

/** Change one's own password (other sessions end), and sign out on every device. */
export function PasswordSection() {
  const client = useQueryClient();
  const navigate = useEngineNavigate();
  const me = useQuery(meQuery());
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      void client.invalidateQueries({ queryKey: authKeys.me });
    },
  });
  const everywhere = useMutation({
    mutationFn: () => logout(true),
    onSettled: () => {
      client.clear();
      client.setQueryData(authKeys.me, null);
      navigate('/login');
    },
  });
  const tooShort = next.length > 0 && next.length < MIN_PASSWORD_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!tooShort && !mismatch && current && next) change.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" id="password">
      <Title order={4}>Password and sessions</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Changing your password signs you out everywhere else. Passwords have at least {MIN_PASSWORD_LENGTH} characters.
      </Text>
      {me.data?.mustChangePassword && (
        <Alert color="yellow" mb="sm" role="status">
          You are signed in with a password you did not choose (generated on the first start, or set by an admin): choose your own before
          anything else — until then Porthole refuses every other action.
        </Alert>
      )}
      <Stack component="form" onSubmit={submit} maw={420} gap="xs" aria-label="Change password">
        <PasswordInput label="Current password" autoComplete="current-password" {...bindText(current, setCurrent)} required />
        {newPassword(
          'New password',
          bindText(next, setNext),
          tooShort && `At least ${MIN_PASSWORD_LENGTH} characters (${next.length} so far)`,
        )}
        {newPassword('Repeat the new password', bindText(repeat, setRepeat), mismatch && 'The two new passwords differ')}
        {change.error && (
          <Alert color="red" role="alert">
            {change.error.message}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            Password changed. Your other sessions were signed out.
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={change.isPending} disabled={!current || !next || tooShort || repeat !== next}>
            Change password
          </Button>
          <Button variant="default" color="red" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
            Sign out everywhere
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
