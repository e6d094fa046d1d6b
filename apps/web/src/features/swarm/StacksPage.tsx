import { Button, Code, FileButton, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { StackInfo } from '@porthole/shared/stacks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { deployStack, removeStack, stacksQuery } from '../../lib/docker/swarm.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { gated, useCan } from '../../lib/role.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { composeFileRefs } from './stack-files.ts';
import { StackFilesInput } from './StackFilesInput.tsx';

/** `/swarm/stacks`: deploy a compose v3 file as a stack (again to update it), list stacks, remove one. */
export function StacksPage() {
  const engine = useEngine();
  const stacks = useQuery(stacksQuery(engine));
  const [deploying, setDeploying] = useState<{ name: string; compose: string } | null>(null);
  const [removing, setRemoving] = useState<StackInfo | null>(null);
  const can = useCan('swarm.stack');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Stacks</Title>
        <Button {...gated(can)} onClick={() => setDeploying({ name: '', compose: '' })}>
          Deploy stack
        </Button>
      </Group>
      <CliHint command="docker stack ls" />
      <QueryState isPending={stacks.isPending} error={stacks.error}>
        {(stacks.data ?? []).length === 0 ? (
          <Text c="dimmed" p="md">
            No stacks yet. Deploy a compose file (version 3) with "Deploy stack".
          </Text>
        ) : (
          <DataTable
            scroll
            label="Stacks"
            minWidth={700}
            head={
              <Table.Tr>
                <Table.Th>Stack</Table.Th>
                <Table.Th>Services</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            }
          >
            {(stacks.data ?? []).map((st) => (
              <Table.Tr key={st.name} data-stack={st.name}>
                <Table.Td ff="monospace" fz="sm">
                  {st.name}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {st.services.map((s) => (
                      <Text
                        key={s.id}
                        fz="xs"
                        ff="monospace"
                        data-stack-service={s.name}
                        data-replicas={`${s.name} ${s.running}/${s.desired}`}
                      >
                        {s.name} · {s.image.split('@')[0]} · {s.mode} {s.running}/{s.desired}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="default"
                      {...gated(can)}
                      onClick={() => setDeploying({ name: st.name, compose: '' })}
                    >
                      Redeploy
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="red"
                      aria-label={`Remove stack ${st.name}`}
                      {...gated(can)}
                      onClick={() => setRemoving(st)}
                    >
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {deploying && <DeployDialog engine={engine} initial={deploying} onClose={() => setDeploying(null)} />}
      {removing && (
        <ActionDialog
          danger
          title={`Remove stack ${removing.name}?`}
          command={`docker stack rm ${removing.name}`}
          confirmLabel={`Remove ${removing.name}`}
          action={() => removeStack(engine, removing.name)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">
            Its services ({removing.services.map((s) => s.name).join(', ') || 'none'}), networks, secrets and configs are removed.
          </Text>
        </ActionDialog>
      )}
    </Stack>
  );
}

function DeployDialog(props: { engine: string; initial: { name: string; compose: string }; onClose: () => void }) {
  const [name, setName] = useState(props.initial.name);
  const [compose, setCompose] = useState(props.initial.compose);
  const [files, setFiles] = useState<Record<string, string>>({});
  const refs = composeFileRefs(compose);
  const missing = refs.filter((r) => files[r] === undefined);
  const load = (file: File | null) => void file?.text().then(setCompose);
  return (
    <ActionDialog
      title={props.initial.name ? `Redeploy ${props.initial.name}` : 'Deploy stack'}
      command={`docker stack deploy --compose-file docker-compose.yml ${name || '<name>'}`}
      confirmLabel="Deploy"
      disabled={!name.trim() || !compose.trim() || missing.length > 0}
      action={() =>
        deployStack(props.engine, { name: name.trim(), compose, files: Object.fromEntries(refs.map((r) => [r, files[r] ?? ''])) })
      }
      onClose={props.onClose}
    >
      <TextInput
        label="Stack name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        disabled={!!props.initial.name}
      />
      {props.initial.name && (
        <Text size="xs" c="dimmed">
          The engine keeps the services, not the compose file: paste or load the updated file; services it no longer names are left running,
          as with docker stack deploy without --prune.
        </Text>
      )}
      <Group justify="space-between">
        <Text size="sm">
          Compose file (version 3) — services become <Code>{name || '<name>'}_&lt;service&gt;</Code>
        </Text>
        <FileButton onChange={load} accept=".yml,.yaml">
          {(p) => (
            <Button {...p} size="compact-xs" variant="default">
              Load file…
            </Button>
          )}
        </FileButton>
      </Group>
      <Textarea
        aria-label="Compose file"
        ff="monospace"
        autosize
        minRows={10}
        maxRows={24}
        value={compose}
        onChange={(e) => setCompose(e.currentTarget.value)}
        placeholder={'version: "3.8"\nservices:\n  web:\n    image: busybox\n    command: httpd -f\n    deploy:\n      replicas: 2'}
      />
      <StackFilesInput refs={refs} files={files} onChange={setFiles} />
    </ActionDialog>
  );
}
