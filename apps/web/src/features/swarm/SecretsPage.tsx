import { Button, Code, Group, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { createSecret, removeSecret, type SwarmSecret, secretsQuery, servicesQuery } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { timeAgo } from '../../lib/format.ts';
import { ActionDialog } from './ActionDialog.tsx';

/** `/swarm/secrets`: secrets by name and who uses them; a value is written once and never shown. */
export function SecretsPage() {
  const engine = useEngine();
  const secrets = useQuery(secretsQuery(engine));
  const services = useQuery(servicesQuery(engine));
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmSecret | null>(null);
  const users = (id: string) =>
    (services.data ?? []).filter((s) => s.Spec.TaskTemplate.ContainerSpec.Secrets?.some((r) => r.SecretID === id)).map((s) => s.Spec.Name);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Secrets</Title>
        <Button onClick={() => setCreating(true)}>Create secret</Button>
      </Group>
      <CliHint command="docker secret ls" />
      <QueryState isPending={secrets.isPending} error={secrets.error}>
        {(secrets.data ?? []).length === 0 ? (
          <Text c="dimmed" p="md">
            No secrets yet. Create one, then attach it to a service from the service's page.
          </Text>
        ) : (
          <DataTable
            scroll
            minWidth={560}
            label="Secrets"
            head={
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Used by</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            }
          >
            {(secrets.data ?? []).map((s) => (
              <Table.Tr key={s.ID} data-secret={s.Spec.Name}>
                <Table.Td ff="monospace" fz="sm">
                  {s.Spec.Name}
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {users(s.ID).join(', ') || '—'}
                </Table.Td>
                <Table.Td title={s.CreatedAt}>{timeAgo(s.CreatedAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="red"
                    aria-label={`Remove secret ${s.Spec.Name}`}
                    onClick={() => setRemoving(s)}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {creating && <CreateSecretDialog engine={engine} onClose={() => setCreating(false)} />}
      {removing && (
        <ActionDialog
          danger
          title={`Remove secret ${removing.Spec.Name}?`}
          command={`docker secret rm ${removing.Spec.Name}`}
          confirmLabel={`Remove ${removing.Spec.Name}`}
          action={() => removeSecret(engine, removing.ID)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">
            The secret <Code>{removing.Spec.Name}</Code> is deleted; the engine refuses while a service uses it.
          </Text>
        </ActionDialog>
      )}
    </Stack>
  );
}

function CreateSecretDialog({ engine, onClose }: { engine: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  return (
    <ActionDialog
      title="Create secret"
      command={`printf '…' | docker secret create ${name || '<name>'} -`}
      confirmLabel="Create"
      disabled={!name.trim() || !value}
      action={() => createSecret(engine, name.trim(), value)}
      onClose={onClose}
    >
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <PasswordInput label="Value" required autoComplete="off" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
      <Text size="xs" c="dimmed">
        Write-only: neither the engine nor Porthole shows the value again.
      </Text>
    </ActionDialog>
  );
}
