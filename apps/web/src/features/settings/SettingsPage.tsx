import { Alert, Badge, Button, Checkbox, Code, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { TokenCreated, TokenInfo } from '@porthole/shared/auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SecretOnce } from '../../components/SecretOnce.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { bindText } from '../../lib/bind-text.ts';
import { timeAgo } from '../../lib/format.ts';
import { PasswordSection } from './PasswordSection.tsx';
import { createToken, revokeToken, tokenKeys, tokensQuery } from '../../lib/tokens.ts';
import { meQuery } from '../../lib/auth.ts';

function NewToken({ created }: { created: TokenCreated }) {
  const host = `${location.hostname}:${location.port || (location.protocol === 'https:' ? 443 : 80)}`;
  return (
    <Alert color="green" title={`Token "${created.name}" created — copy it now, it is shown only once`} role="status">
      <Stack gap="xs">
        <SecretOnce value={created.token} testId="new-token" />
        <Text size="sm">Use it with the docker CLI through Porthole:</Text>
        <Code block>
          {`mkdir -p ~/.porthole-docker && echo '{"HttpHeaders":{"Authorization":"Bearer ${created.token}"}}' > ~/.porthole-docker/config.json\nDOCKER_HOST=tcp://${host}/api/engines/local/docker docker --config ~/.porthole-docker ps`}
        </Code>
      </Stack>
    </Alert>
  );
}

/** One of the user's own API tokens, with its Revoke button. */
function TokenRow({ token: t, onRevoke }: { token: TokenInfo; onRevoke: () => void }) {
  return (
    <Table.Tr>
      <Table.Td>{t.name}</Table.Td>
      <Table.Td>
        {t.role ? (
          <Badge size="sm" variant="light" color="gray">
            {t.role}
          </Badge>
        ) : (
          'you'
        )}
      </Table.Td>
      <Table.Td>{timeAgo(t.createdAt)}</Table.Td>
      <Table.Td>{t.lastUsedAt ? timeAgo(t.lastUsedAt) : 'never'}</Table.Td>
      <Table.Td>
        <Button size="compact-sm" color="red" variant="light" onClick={onRevoke} aria-label={`Revoke token ${t.name}`}>
          Revoke
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function SettingsPage() {
  const client = useQueryClient();
  // Until a temporary password is changed the server refuses everything else (403): nothing to list yet.
  const locked = useQuery(meQuery()).data?.mustChangePassword === true;
  const tokens = useQuery({ ...tokensQuery(), enabled: !locked });
  const [name, setName] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: (t) => {
      setCreated(t);
      setName('');
      setReadOnly(false);
      void client.invalidateQueries({ queryKey: tokenKeys.all });
    },
  });
  const revoke = useMutation({
    mutationFn: (t: TokenInfo) => revokeToken(t.id),
    onSuccess: () => {
      setRevoking(null);
      void client.invalidateQueries({ queryKey: tokenKeys.all });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), role: readOnly ? 'viewer' : undefined });
  };

  return (
    <Stack>
      <Title order={2}>Settings</Title>
      <PasswordSection />
      <Paper withBorder p="md" radius="md">
        <Title order={4}>API tokens</Title>
        <Text size="sm" c="dimmed" mb="sm">
          Personal tokens for scripts and the docker CLI (<code>Authorization: Bearer …</code>). They act as you; revoke the ones you no
          longer use.
        </Text>
        {locked ? (
          <Text c="dimmed" data-testid="tokens-locked">
            Change your password above first: until then you can create or use no API tokens.
          </Text>
        ) : (
          <Stack>
            <Group component="form" onSubmit={submit} align="end">
              <TextInput label="Token name" placeholder="e.g. laptop docker CLI" {...bindText(name, setName)} maxLength={100} />
              <Checkbox
                mb={8}
                label="Read-only (viewer)"
                description="Can read, never change"
                checked={readOnly}
                onChange={(e) => setReadOnly(e.currentTarget.checked)}
              />
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                Create token
              </Button>
            </Group>
            {create.error && (
              <Alert color="red" role="alert">
                {create.error.message}
              </Alert>
            )}
            {created && <NewToken created={created} />}
            <QueryState isPending={tokens.isPending} error={tokens.error}>
              {tokens.data?.length === 0 ? (
                <Text c="dimmed">No tokens yet. Create one above to use the docker CLI or scripts through Porthole.</Text>
              ) : (
                <SimpleTable label="API tokens" columns={['Name', 'Acts as', 'Created', 'Last used', '']}>
                  {tokens.data?.map((t) => (
                    <TokenRow key={t.id} token={t} onRevoke={() => setRevoking(t)} />
                  ))}
                </SimpleTable>
              )}
            </QueryState>
          </Stack>
        )}
      </Paper>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke token?">
        <Stack>
          <Text>
            Revoke <b>{revoking?.name}</b>? Scripts and CLIs using it stop working at once.
          </Text>
          {revoke.error && <Alert color="red">{revoke.error.message}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking)}>
              Revoke {revoking?.name}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
