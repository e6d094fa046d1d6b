import { Button, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useEngine } from '../../lib/engine-status.tsx';
import { type KeyValue, KeyValueField, toRecord } from '../../components/KeyValueEditor.tsx';
import { createVolume, volumeKeys } from '../../lib/docker/volumes.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useEngineNavigate } from '../../lib/engine-paths.tsx';

/** `docker volume create [--driver] [--opt k=v] [--label k=v] NAME`. */
export function CreateVolumeModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const engine = useEngine();
  const client = useQueryClient();
  const navigate = useEngineNavigate();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState<KeyValue[]>([]);
  const [labels, setLabels] = useState<KeyValue[]>([]);
  const body = { Name: name.trim(), Driver: driver.trim() || 'local', DriverOpts: toRecord(options), Labels: toRecord(labels) };
  const command = [
    'docker volume create',
    ...(body.Driver !== 'local' ? [`--driver ${body.Driver}`] : []),
    ...Object.entries(body.DriverOpts).map(([k, v]) => `--opt ${k}=${v}`),
    ...Object.entries(body.Labels).map(([k, v]) => `--label ${v ? `${k}=${v}` : k}`),
    body.Name,
  ].join(' ');
  const nameError =
    name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name.trim())
      ? 'Two or more of letters, digits, "_", "." and "-", starting with a letter or digit'
      : undefined;
  const mutation = useMutation({
    mutationFn: () => createVolume(engine, body),
    onSuccess: (v) => {
      void client.invalidateQueries({ queryKey: volumeKeys.all(engine) });
      onClose();
      navigate(`/volumes/${encodeURIComponent(v.Name)}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Create volume" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!nameError) mutation.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput
              label="Name"
              description="Empty: the engine picks a random name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              data-autofocus
            />
            <TextInput label="Driver" value={driver} onChange={(e) => setDriver(e.currentTarget.value)} />
          </SimpleGrid>
          <KeyValueField
            title="Driver options"
            hint="e.g. type=tmpfs, device=tmpfs, o=size=100m"
            name="Option"
            rows={options}
            onChange={setOptions}
          />
          <KeyValueField title="Labels" name="Label" rows={labels} onChange={setLabels} />
          <DialogFooter error={mutation.error} command={command} onCancel={onClose}>
            <Button type="submit" loading={mutation.isPending}>
              Create
            </Button>
          </DialogFooter>
        </Stack>
      </form>
    </Modal>
  );
}
