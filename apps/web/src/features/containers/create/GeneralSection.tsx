import { Autocomplete, Button, Checkbox, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../../lib/engine-status.tsx';
import { imageTagsQuery } from '../../../lib/docker/images.ts';
import { KeyValueRows, parseEnvBlock, type SectionProps } from './fields.tsx';

export function GeneralSection({ spec, set, errors }: SectionProps) {
  const engine = useEngine();
  const images = useQuery(imageTagsQuery(engine));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Autocomplete
        label="Image"
        description="A local image, or a reference to pull"
        placeholder="nginx:alpine"
        data={images.data ?? []}
        value={spec.image}
        onChange={(v) => set({ image: v })}
        error={errors.image}
      />
      <TextInput
        label="Name"
        placeholder="random if empty"
        value={spec.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <TextInput
        label="Command"
        description="Overrides the image's CMD (shell syntax)"
        placeholder={`sh -c 'echo hello'`}
        value={spec.command}
        onChange={(e) => set({ command: e.currentTarget.value })}
        error={errors.command}
        ff="monospace"
      />
      <TextInput
        label="Entrypoint"
        description="Overrides the image's ENTRYPOINT"
        value={spec.entrypoint}
        onChange={(e) => set({ entrypoint: e.currentTarget.value })}
        ff="monospace"
      />
      <TextInput
        label="Working directory"
        placeholder="/app"
        value={spec.workdir}
        onChange={(e) => set({ workdir: e.currentTarget.value })}
      />
      <TextInput label="Hostname" value={spec.hostname} onChange={(e) => set({ hostname: e.currentTarget.value })} />
      <Group>
        <Checkbox label="Keep STDIN open (-i)" checked={spec.interactive} onChange={(e) => set({ interactive: e.currentTarget.checked })} />
        <Checkbox label="Allocate a TTY (-t)" checked={spec.tty} onChange={(e) => set({ tty: e.currentTarget.checked })} />
      </Group>
    </SimpleGrid>
  );
}

export function EnvSection({ spec, set, errors }: SectionProps) {
  const [block, setBlock] = useState('');
  return (
    <Stack>
      <KeyValueRows
        items={spec.env}
        onChange={(env) => set({ env })}
        field="env"
        noun="Env"
        errors={errors}
        emptyText="No variables. Values whose names look secret (PASSWORD, TOKEN, KEY…) are masked in Porthole's views."
      />
      <Group align="end">
        <Textarea
          label="Paste a .env block"
          placeholder={'DB_HOST=db\nDB_PASSWORD=…'}
          autosize
          minRows={2}
          value={block}
          onChange={(e) => setBlock(e.currentTarget.value)}
          style={{ flex: 1 }}
          ff="monospace"
        />
        <Button
          variant="light"
          disabled={!block.trim()}
          onClick={() => {
            const parsed = parseEnvBlock(block);
            const keys = new Set(parsed.map((p) => p.key));
            set({ env: [...spec.env.filter((e) => e.key && !keys.has(e.key)), ...parsed] });
            setBlock('');
          }}
        >
          Add variables
        </Button>
      </Group>
    </Stack>
  );
}

export function LabelsSection({ spec, set, errors }: SectionProps) {
  return (
    <KeyValueRows
      items={spec.labels}
      onChange={(labels) => set({ labels })}
      field="labels"
      noun="Label"
      errors={errors}
      emptyText="No labels. Labels let you filter containers (docker ps --filter label=…) and clean up by label."
    />
  );
}
