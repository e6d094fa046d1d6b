import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type EngineInfo, PLAIN_TCP_WARNING } from '@porthole/shared/engines';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { createEngine, engineRegistryKeys, updateEngine } from '../../lib/engines.ts';
import { contextCommand, emptyForm, type EngineFormValues, formProblem, HOST_HINT, hostKind, toCreate, toUpdate } from './engine-form.ts';
import { PemField } from './PemField.tsx';

/** Add an engine, or change one (`existing`): name, colour, host, TLS or ssh keys (write-only). */
export function EngineFormModal({ opened, onClose, existing }: { opened: boolean; onClose: () => void; existing?: EngineInfo }) {
  const client = useQueryClient();
  const [v, setV] = useState<EngineFormValues>(() => emptyForm(existing));
  const set = <K extends keyof EngineFormValues>(k: K, value: EngineFormValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const kind = hostKind(v.host.trim());
  const problem = formProblem(v, existing);
  const save = useMutation({
    mutationFn: () => (existing ? updateEngine(existing.id, toUpdate(v)) : createEngine(toCreate(v))),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: engineRegistryKeys.all });
      setV(emptyForm(existing));
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={existing ? `Edit engine ${existing.name}` : 'Add engine'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-end">
            <TextInput label="Name" required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
            <TextInput label="Colour" type="color" value={v.colour} onChange={(e) => set('colour', e.currentTarget.value)} maw={90} />
          </Group>
          <TextInput
            label="Host"
            required
            value={v.host}
            onChange={(e) => set('host', e.currentTarget.value)}
            description={HOST_HINT}
            placeholder="tcp://10.0.0.5:2376"
            ff="monospace"
            spellCheck={false}
          />
          {kind === 'tcp' && (
            <>
              <Checkbox label="TLS (client certificate)" checked={v.tlsOn} onChange={(e) => set('tlsOn', e.currentTarget.checked)} />
              {v.tlsOn ? (
                <>
                  <PemField label="CA certificate" value={v.ca} onChange={(s) => set('ca', s)} stored={existing?.tls?.ca} />
                  <PemField label="Client certificate" value={v.cert} onChange={(s) => set('cert', s)} stored={existing?.tls?.cert} />
                  <PemField label="Client key" value={v.key} onChange={(s) => set('key', s)} stored={existing?.tls?.hasKey} />
                  <Checkbox
                    label="Verify the engine's certificate"
                    checked={v.verify}
                    onChange={(e) => set('verify', e.currentTarget.checked)}
                    description={v.verify ? undefined : 'Off: anyone in the middle can pose as this engine.'}
                  />
                </>
              ) : (
                <>
                  <Checkbox
                    label="Allow plain TCP (no TLS)"
                    checked={v.allowInsecureTcp}
                    onChange={(e) => set('allowInsecureTcp', e.currentTarget.checked)}
                  />
                  <Alert color="orange" role="note" title="Unencrypted and unauthenticated">
                    {PLAIN_TCP_WARNING}.
                  </Alert>
                </>
              )}
            </>
          )}
          {kind === 'ssh' && (
            <>
              <PemField
                label="SSH private key"
                value={v.privateKey}
                onChange={(s) => set('privateKey', s)}
                stored={existing?.ssh?.hasKey}
              />
              <PemField
                label="Known hosts (recommended)"
                value={v.knownHosts}
                onChange={(s) => set('knownHosts', s)}
                stored={existing?.ssh?.knownHosts}
                placeholder="10.0.0.5 ssh-ed25519 AAAA… (else the first key seen is trusted)"
              />
            </>
          )}
          {problem && v.host && (
            <Text size="xs" c="dimmed" role="status">
              {problem}
            </Text>
          )}
          <DialogFooter error={save.error} command={contextCommand(v)} onCancel={onClose}>
            <Button type="submit" loading={save.isPending} disabled={!!problem}>
              {existing ? 'Save' : 'Add engine'}
            </Button>
          </DialogFooter>
        </Stack>
      </form>
    </Modal>
  );
}
