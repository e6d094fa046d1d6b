import { Button, CopyButton, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { containerName } from '../../lib/docker/containers.ts';
import { useContainerDetail } from './detail-context.ts';
import { looksSecret, MASK } from './SecretValue.tsx';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Env entries (`NAME=value`) with secret-looking names get their value masked. */
function mask(value: Json, path: string[]): Json {
  if (Array.isArray(value)) {
    if (path.at(-1) === 'Env') {
      return value.map((e) =>
        typeof e === 'string' && e.includes('=') && looksSecret(e.slice(0, e.indexOf('='))) ? `${e.slice(0, e.indexOf('='))}=${MASK}` : e,
      );
    }
    return value.map((v, i) => mask(v, [...path, String(i)]));
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, [...path, k])]));
  return value;
}

/** Keeps only the branches whose key or value contains the search text. */
function prune(value: Json, q: string, key = ''): Json | undefined {
  if (!q) return value;
  if (key.toLowerCase().includes(q)) return value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, prune(v, q, k)] as const)
      .filter(([, v]) => v !== undefined);
    if (entries.length === 0) return undefined;
    return Array.isArray(value) ? entries.map(([, v]) => v as Json) : (Object.fromEntries(entries) as Json);
  }
  return JSON.stringify(value).toLowerCase().includes(q) ? value : undefined;
}

function Node({ name, value, depth, open }: { name: string; value: Json; depth: number; open: boolean }) {
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    return (
      <details open={open || depth < 1} style={{ marginLeft: depth ? 16 : 0 }}>
        <summary style={{ cursor: 'pointer' }}>
          <Text span ff="monospace" size="sm" c="blue">
            {name}
          </Text>
          <Text span ff="monospace" size="sm" c="dimmed">
            {' '}
            {brackets[0]}
            {entries.length}
            {brackets[1]}
          </Text>
        </summary>
        {entries.map(([k, v]) => (
          <Node key={k} name={k} value={v} depth={depth + 1} open={open} />
        ))}
      </details>
    );
  }
  return (
    <div style={{ marginLeft: depth ? 16 : 0 }}>
      <Text span ff="monospace" size="sm" c="blue">
        {name}
      </Text>
      <Text span ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
        : {JSON.stringify(value)}
      </Text>
    </div>
  );
}

export function InspectTab() {
  const { container } = useContainerDetail();
  const [q, setQ] = useState('');
  const [reveal, setReveal] = useState(false);
  const [openAll, setOpenAll] = useState(false);
  const raw = container as unknown as Json;
  const shown = useMemo(() => (reveal ? raw : mask(raw, [])), [raw, reveal]);
  const filtered = useMemo(() => prune(shown, q.trim().toLowerCase()), [shown, q]);
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <TextInput
            aria-label="Search the inspect data"
            placeholder="Search keys and values"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={300}
          />
          <Button variant="default" size="xs" onClick={() => setOpenAll((o) => !o)}>
            {openAll ? 'Collapse all' : 'Expand all'}
          </Button>
          <Switch label="Reveal secrets" checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} />
        </Group>
        <Group>
          <CopyButton value={JSON.stringify(shown, null, 2)}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy}>
                {copied ? 'Copied' : 'Copy JSON'}
              </Button>
            )}
          </CopyButton>
          <CliHint command={`docker inspect ${containerName(container)}`} />
        </Group>
      </Group>
      <Paper withBorder p="sm" data-testid="inspect-json" key={`${openAll}-${q}`}>
        {filtered === undefined ? (
          <Text size="sm" c="dimmed">
            Nothing matches “{q}”.
          </Text>
        ) : (
          <Node name="container" value={filtered} depth={0} open={openAll || q.trim() !== ''} />
        )}
      </Paper>
    </Stack>
  );
}
