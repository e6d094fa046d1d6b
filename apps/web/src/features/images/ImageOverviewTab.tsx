import { Anchor, Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { CliHint } from '../../components/CliHint.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { containerListQuery } from '../../lib/docker/containers.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId } from '../../lib/format.ts';
import { type ImageInspect, imageTags } from '../../lib/docker/images.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';

/** Values as code: side by side (tags, ports) or one per line (digests, env, labels); `empty` when there are none. */
const codes = (values: string[], layout: 'inline' | 'block', empty = '—') =>
  values.length ? (
    values.map((v) => (
      <Code key={v} {...(layout === 'block' ? { block: true, fz: 'xs' } : { mr: 4 })}>
        {v}
      </Code>
    ))
  ) : (
    <Text c="dimmed">{empty}</Text>
  );

const list = (v: string[] | null | undefined) => (v?.length ? <Code>{JSON.stringify(v)}</Code> : <Text c="dimmed">—</Text>);

/** Tags, digests, platform, entrypoint/cmd, env, ports, user (root flagged), labels, users. */
export function ImageOverviewTab({ image }: { image: ImageInspect }) {
  const engine = useEngine();
  const containers = useQuery(containerListQuery(engine));
  const using = (containers.data ?? []).filter((c) => c.ImageID === image.Id);
  const cfg = image.Config ?? ({} as ImageInspect['Config']);
  const user = cfg.User ?? '';
  const root = !user || user === 'root' || user === '0' || user.startsWith('0:') || user.startsWith('root:');
  const rows: Array<[string, ReactNode]> = [
    ['Tags', codes(imageTags(image), 'inline', 'none (dangling)')],
    ['Digests', codes(image.RepoDigests ?? [], 'block', '— (never pushed or pulled)')],
    ['ID', <Code key="id">{image.Id}</Code>],
    [
      'Platform',
      `${image.Os}/${image.Architecture}${(image as { Variant?: string }).Variant ? `/${(image as { Variant?: string }).Variant}` : ''}`,
    ],
    ['Created', new Date(image.Created).toLocaleString()],
    ['Entrypoint', list(cfg.Entrypoint as string[] | null)],
    ['Cmd', list(cfg.Cmd as string[] | null)],
    ['Working dir', cfg.WorkingDir ? <Code>{cfg.WorkingDir}</Code> : <Text c="dimmed">/</Text>],
    [
      'User',
      <Group key="user" gap="xs">
        <Code>{user || 'root (not set)'}</Code>
        {root && (
          <Badge color="orange" variant="light" data-testid="runs-as-root">
            runs as root
          </Badge>
        )}
      </Group>,
    ],
    ['Exposed ports', codes(Object.keys(cfg.ExposedPorts ?? {}), 'inline')],
    ['Env', codes(cfg.Env ?? [], 'block')],
    [
      'Labels',
      codes(
        Object.entries(cfg.Labels ?? {}).map(([k, v]) => `${k}=${v}`),
        'block',
      ),
    ],
  ];
  return (
    <Stack>
      <Paper withBorder p="md">
        <Table aria-label="Image overview" verticalSpacing={6}>
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w={160} fw={600}>
                  {k}
                </Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>Containers using this image ({using.length})</Text>
          <CliHint command={`docker ps -a --filter ancestor=${shortId(image.Id)}`} />
        </Group>
        {using.length === 0 ? (
          <Text c="dimmed" size="sm">
            No container uses it.
          </Text>
        ) : (
          <Table aria-label="Containers using this image">
            <Table.Tbody>
              {using.map((c) => (
                <Table.Tr key={c.Id}>
                  <Table.Td>
                    <Anchor component={EngineLink} to={`/containers/${c.Id}`} ff="monospace" fz="sm">
                      {c.Names[0]?.replace(/^\//, '')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={c.State} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
