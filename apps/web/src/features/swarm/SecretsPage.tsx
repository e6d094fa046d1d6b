import { PasswordInput, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { createSecret, removeSecret, secretsQuery } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { SwarmObjectsPage } from './SwarmObjectsPage.tsx';

/** `/swarm/secrets`: secrets by name and who uses them; a value is written once and never shown. */
export function SecretsPage() {
  const engine = useEngine();
  return (
    <SwarmObjectsPage
      kind="secret"
      objects={useQuery(secretsQuery(engine))}
      refs={(s) => (s.Spec.TaskTemplate.ContainerSpec.Secrets ?? []).map((r) => r.SecretID)}
      manage="swarm.secret"
      remove={removeSecret}
      empty="No secrets yet. A secret (a password, a key) is written once and mounted into a service's tasks under /run/secrets: create one here, then attach it from the service's page."
      create={(onClose) => <CreateSecretDialog engine={engine} onClose={onClose} />}
    />
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
