import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { authKeys, login } from '../../lib/auth.ts';
import { bindText } from '../../lib/bind-text.ts';

export function LoginPage() {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      client.setQueryData(authKeys.me, me);
      navigate(from, { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate({ username, password });
  };
  return (
    <Center mih="100vh" p="md">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={380} aria-label="Sign in">
        <Stack>
          <div>
            <Title order={2}>Porthole</Title>
            <Text c="dimmed" size="sm">
              Sign in to manage this Docker engine.
            </Text>
          </div>
          {mutation.error && (
            <Alert color="red" role="alert" title="Sign-in failed">
              {mutation.error.message}
            </Alert>
          )}
          <TextInput label="Username" autoComplete="username" {...bindText(username, setUsername)} required />
          <PasswordInput label="Password" autoComplete="current-password" {...bindText(password, setPassword)} required autoFocus />
          <Button type="submit" loading={mutation.isPending}>
            Sign in
          </Button>
          <Text size="xs" c="dimmed">
            First start: the user is <code>admin</code>; the password is <code>PORTHOLE_ADMIN_PASSWORD</code> or the one printed in the
            server's log.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
