import { Button, Code, FileButton, Group, Modal, ScrollArea, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { type KeyValue, KeyValueField, toRecord } from '../../components/KeyValueEditor.tsx';
import { configSize, configText, createConfig, MASKED_CONTENT, type SwarmConfig, utf8Text } from '../../lib/docker/swarm-configs.ts';
import { formatBytes } from '../../lib/format.ts';
import { useCan } from '../../lib/role.ts';
import { shellQuote } from '@porthole/shared/shell-quote-words';
import { ActionDialog } from './ActionDialog.tsx';

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } };

/** `docker config create`: a name, the content typed or read from a file (text or binary), labels. */
export function CreateConfigDialog({ engine, onClose }: { engine: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array; binary: boolean } | null>(null);
  const [labels, setLabels] = useState<KeyValue[]>([]);
  const load = async (f: File | null) => {
    if (!f) return;
    const bytes = new Uint8Array(await f.arrayBuffer());
    const decoded = utf8Text(bytes);
    setFile({ name: f.name, bytes, binary: decoded === null });
    if (decoded !== null) setText(decoded);
  };
  const content = file?.binary ? file.bytes : new TextEncoder().encode(text);
  const labelFlags = Object.entries(toRecord(labels)).map(([k, v]) => `--label ${shellQuote(v ? `${k}=${v}` : k)} `);
  const target = name.trim() || '<name>';
  const command = file
    ? `docker config create ${labelFlags.join('')}${target} ${shellQuote(`./${file.name}`)}`
    : `printf '…' | docker config create ${labelFlags.join('')}${target} -`;
  return (
    <ActionDialog
      title="Create config"
      command={command}
      confirmLabel="Create"
      disabled={!name.trim() || content.length === 0}
      action={() => createConfig(engine, name.trim(), content, toRecord(labels))}
      onClose={onClose}
    >
      <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <Stack gap={4}>
        <Group justify="space-between" align="flex-end">
          <Text size="sm" fw={500}>
            Content
          </Text>
          <FileButton onChange={(f) => void load(f)}>
            {(props) => (
              <Button {...props} size="compact-xs" variant="default">
                Load from file…
              </Button>
            )}
          </FileButton>
        </Group>
        {file?.binary ? (
          <Group gap="xs">
            <Text size="sm">
              Binary file <Code>{file.name}</Code> ({formatBytes(file.bytes.length)})
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setFile(null)}>
              Type text instead
            </Button>
          </Group>
        ) : (
          <Textarea
            aria-label="Content"
            description={file ? `From ${file.name}; editing it keeps your changes` : 'The file the tasks read, e.g. an nginx.conf'}
            autosize
            minRows={4}
            maxRows={14}
            styles={MONO}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        )}
      </Stack>
      <KeyValueField title="Labels" name="Label" rows={labels} onChange={setLabels} />
      <Text size="xs" c="dimmed">
        A config cannot be changed once created: create a new one and switch the service to it.
      </Text>
    </ActionDialog>
  );
}

/** A config's content (text, or its size when binary); viewers see that it is hidden from them. */
export function ViewConfigDialog({ config, usedBy, onClose }: { config: SwarmConfig; usedBy: string[]; onClose: () => void }) {
  const read = useCan('config.content');
  const data = config.Spec.Data ?? '';
  const masked = data === MASKED_CONTENT || !read.allowed;
  const text = masked ? null : configText(data);
  return (
    <Modal opened onClose={onClose} title={`Config ${config.Spec.Name}`} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {masked ? 'Content hidden' : formatBytes(configSize(data))} · used by {usedBy.join(', ') || 'no service'}
        </Text>
        {masked ? (
          <Text size="sm">{read.reason ?? "Viewers can't read config contents"}: ask an operator or an admin.</Text>
        ) : text === null ? (
          <Text size="sm">Binary content ({formatBytes(configSize(data))}): not shown as text.</Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            <Code block data-testid="config-content" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {text}
            </Code>
          </ScrollArea.Autosize>
        )}
        <CliHint command={`docker config inspect --pretty ${config.Spec.Name}`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
