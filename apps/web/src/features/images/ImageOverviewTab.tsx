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
    [
      'Tags',
      imageTags(image).length ? (
        imageTags(image).map((t) => (
          <Code key={t} mr={4}>
            {t}
          </Code>
        ))
      ) : (
        <Text c="dimmed">none (dangling)</Text>
      ),
    ],
    [
      'Digests',
      (image.RepoDigests ?? []).length ? (
        (image.RepoDigests ?? []).map((d) => (
          <Code key={d} block fz="xs">
            {d}
          </Code>
        ))
      ) : (
        <Text c="dimmed">— (never pushed or pulled)</Text>
      ),
    ],
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
    [
      'Exposed ports',
      Object.keys(cfg.ExposedPorts ?? {}).length ? (
        Object.keys(cfg.ExposedPorts ?? {}).map((p) => (
          <Code key={p} mr={4}>
            {p}
          </Code>
        ))
      ) : (
        <Text c="dimmed">—</Text>
      ),
    ],
    [
      'Env',
      (cfg.Env ?? []).length ? (
        (cfg.Env ?? []).map((e) => (
          <Code key={e} block fz="xs">
            {e}
          </Code>
        ))
      ) : (
        <Text c="dimmed">—</Text>
      ),
    ],
    [
      'Labels',
      Object.keys(cfg.Labels ?? {}).length ? (
        Object.entries(cfg.Labels ?? {}).map(([k, v]) => (
          <Code key={k} block fz="xs">
            {k}={v}
          </Code>
        ))
      ) : (
        <Text c="dimmed">—</Text>
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
