import { Alert, Button, Modal, NativeSelect, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { MIN_PASSWORD_LENGTH, ROLES, type Role } from '@porthole/shared/auth';
import type { UserCreated } from '@porthole/shared/users';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { SecretOnce } from '../../components/SecretOnce.tsx';
import { createUser, generatePassword, userKeys } from '../../lib/users.ts';

export const ROLE_HELP: Record<Role, string> = {
  viewer: 'viewer — reads everything that is not a secret, changes nothing',
  operator: 'operator — also starts/stops, creates and removes containers, terminals, files, pulls',
  admin: 'admin — everything, including users and the audit log',
};

/** Creates a user with a role; a generated password is shown once, after creation. */
export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState(false);
  const [created, setCreated] = useState<(UserCreated & { password?: string }) | null>(null);
  const create = useMutation({
    mutationFn: () => createUser({ username: username.trim(), password, role }),
    onSuccess: (u) => {
      setCreated({ ...u, password: generated ? password : undefined });
      void client.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  const short = password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (username.trim() && password.length >= MIN_PASSWORD_LENGTH) create.mutate();
  };
  const generate = () => {
    setPassword(generatePassword());
    setGenerated(true);
  };

  if (created) {
    return (
      <Modal opened onClose={onClose} title={`User ${created.username} created`}>
        <Stack>
          <Text size="sm">
            <b>{created.username}</b> can sign in as <b>{created.role}</b>.
          </Text>
          {created.password && (
            <Alert color="green" title="Their password — copy it now, it is shown only once" role="status">
              <SecretOnce value={created.password} testId="new-password" />
              <Text size="xs" mt="xs">
                Give it to them privately; they are asked to choose their own after signing in.
              </Text>
            </Alert>
          )}
          <Button onClick={onClose}>Done</Button>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={onClose} title="Create user">
      <Stack component="form" onSubmit={submit}>
        <TextInput
          label="Username"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          maxLength={64}
          data-autofocus
        />
        <NativeSelect
          label="Role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
          data={ROLES.map((r) => ({ value: r, label: r }))}
          description={ROLE_HELP[role]}
        />
        <PasswordInput
          label="Password"
          required
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            setGenerated(false);
          }}
          error={short ? `At least ${MIN_PASSWORD_LENGTH} characters (${password.length} now)` : undefined}
          description={generated ? 'Generated: it is shown once after the user is created' : undefined}
          autoComplete="new-password"
        />
        <Button variant="subtle" size="compact-sm" onClick={generate} style={{ alignSelf: 'flex-start' }}>
          Generate a password
        </Button>
        <DialogFooter
          error={create.error}
          command={`POST /api/users {"username":"${username.trim()}","role":"${role}","password":"…"}`}
          onCancel={onClose}
        >
          <Button type="submit" loading={create.isPending} disabled={!username.trim() || password.length < MIN_PASSWORD_LENGTH}>
            Create {username.trim() || 'user'}
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
