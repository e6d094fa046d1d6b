import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { PlainCheckbox } from '../../components/PlainCheckbox.tsx';
import type { ContainerUsage } from '@porthole/shared/stats';
import { type ComponentPropsWithRef, Suspense, useState } from 'react';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { CpuText, MemoryText } from '../../components/LiveUsage.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { accepts } from '@porthole/shared/container-actions';
import { type ContainerSummary, containerName } from '../../lib/docker/containers.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId, timeAgo } from '../../lib/format.ts';
import { importChunk, lazyChunk } from '../../lib/lazy-chunk.ts';

/** The kebab menu of a row: fetched the first time one is opened. */
const RowMenu = lazyChunk(() => import('./RowMenu.tsx').then((m) => ({ default: m.RowMenu })));

export const COMPOSE = 'com.docker.compose.project';

/** `Up 3 minutes (healthy)` → `healthy`. */
export const healthOf = (status: string) => /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1]?.replace('health: ', '');

const ONE_LINE = { whiteSpace: 'nowrap' } as const;

/**
 * Where a published port answers, as the browser sees it: the host the page was loaded from
 * (a classroom LAN address), unless the port is bound to one specific non-loopback address.
 */
export function portUrl(ip: string | undefined, port: number, pageHost = location.hostname): string {
  const wildcard = !ip || ip === '0.0.0.0' || ip === '::' || ip.startsWith('127.') || ip === '::1';
  const host = wildcard ? pageHost : ip;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

function Ports({ ports }: { ports: ContainerSummary['Ports'] }) {
  const seen = new Set<string>();
  const published = ports.filter((p) => {
    if (!p.PublicPort) return false;
    const key = `${p.PublicPort}/${p.Type}`;
    if (seen.has(key)) return false; // IPv4 and IPv6 bindings of the same port
    seen.add(key);
    return true;
  });
  if (published.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      {published.map((p) => {
        const bound = p.IP && p.IP !== '0.0.0.0' && p.IP !== '::' ? `${p.IP}:` : '';
        const label = `${p.PublicPort}→${p.PrivatePort}${p.Type === 'tcp' ? '' : `/${p.Type}`}`;
        const title = `${bound}${p.PublicPort}→${p.PrivatePort}/${p.Type}`;
        return p.Type === 'tcp' ? (
          <Anchor
            key={title}
            href={portUrl(p.IP, p.PublicPort!)}
            target="_blank"
            rel="noreferrer"
            size="sm"
            ff="monospace"
            title={title}
            style={ONE_LINE}
          >
            {label}
          </Anchor>
        ) : (
          <Text key={title} size="sm" ff="monospace" title={title} style={ONE_LINE}>
            {label}
          </Text>
        );
      })}
    </Group>
  );
}

/** Start or Stop, whichever the container's state accepts (no dialog: neither destroys anything). */
function StartStop({ c, name }: { c: ContainerSummary; name: string }) {
  const engine = useEngine();
  const [pending, setPending] = useState(false);
  const action = accepts(c.State, 'start') ? 'start' : accepts(c.State, 'stop') ? 'stop' : undefined;
  if (!action) return null;
  const label = action === 'start' ? 'Start' : 'Stop';
  const run = () => {
    setPending(true);
    importChunk(() => import('./quick-action.ts'))
      .then((m) => m.runQuickAction(engine, c.Id, name, action))
      .finally(() => setPending(false));
  };
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      loading={pending}
      onClick={run}
      aria-label={`${label} ${name}`}
      title={`docker ${action} ${name}`}
    >
      {label}
    </Button>
  );
}

/** The kebab button; a menu target passes its props (ref, handlers, aria) through. */
function Kebab({ name, ...rest }: { name: string } & ComponentPropsWithRef<'button'> & { loading?: boolean }) {
  return (
    <Button size="compact-xs" variant="subtle" color="gray" aria-label={`More actions for ${name}`} {...rest}>
      ⋮
    </Button>
  );
}

function QuickActions({ c, name }: { c: ContainerSummary; name: string }) {
  const [menu, setMenu] = useState(false);
  const base = `/containers/${c.Id}`;
  const link = (path: string, label: string, text: string) => (
    <Button component={EngineLink} to={`${base}/${path}`} size="compact-xs" variant="subtle" aria-label={`${label} of ${name}`}>
      {text}
    </Button>
  );
  return (
    <Group gap={0} wrap="nowrap" justify="end">
      {link('logs', 'Logs', 'Logs')}
      {link('stats', 'Stats', 'Stats')}
      {c.State === 'running' && link('terminal', 'Terminal', 'Shell')}
      <StartStop c={c} name={name} />
      {menu ? (
        <Suspense fallback={<Kebab name={name} loading />}>
          <RowMenu c={c} name={name}>
            <Kebab name={name} />
          </RowMenu>
        </Suspense>
      ) : (
        <Kebab name={name} onClick={() => setMenu(true)} />
      )}
    </Group>
  );
}

/** One container in the list: one line, names and images truncated (full text on hover). */
export function ContainerRow({
  c,
  usage,
  selected,
  onSelect,
}: {
  c: ContainerSummary;
  usage: ContainerUsage | undefined;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const name = containerName(c);
  const health = healthOf(c.Status);
  const running = c.State === 'running';
  return (
    <Table.Tr data-testid={`container-row-${name}`} bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td>
        <PlainCheckbox aria-label={`Select ${name}`} checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td maw={220}>
        <Anchor
          component={EngineLink}
          to={`/containers/${c.Id}`}
          fw={600}
          size="sm"
          truncate="end"
          title={`${name} (${shortId(c.Id)})`}
          display="block"
        >
          {name}
        </Anchor>
      </Table.Td>
      <Table.Td maw={200}>
        <Text size="sm" ff="monospace" truncate="end" title={c.Image}>
          {c.Image}
        </Text>
      </Table.Td>
      <Table.Td miw={90}>
        <Group gap={4} wrap="nowrap">
          <StateBadge state={c.State} />
          {health && <StateBadge state={health} />}
        </Group>
      </Table.Td>
      <Table.Td maw={160}>
        <Text size="sm" truncate="end" title={c.Status}>
          {c.Status}
        </Text>
      </Table.Td>
      <Table.Td>
        <Ports ports={c.Ports} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={ONE_LINE} title={new Date(c.Created * 1000).toLocaleString()}>
          {timeAgo(c.Created)}
        </Text>
      </Table.Td>
      <Table.Td data-testid="cpu" style={ONE_LINE}>
        <CpuText percent={running ? usage?.cpuPercent : undefined} />
      </Table.Td>
      <Table.Td style={ONE_LINE}>
        <MemoryText used={running ? (usage?.memoryUsage ?? undefined) : undefined} limit={usage?.memoryLimit ?? undefined} />
      </Table.Td>
      <Table.Td maw={140}>
        <Text size="sm" truncate="end" title={c.Labels[COMPOSE]}>
          {c.Labels[COMPOSE] ?? ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <QuickActions c={c} name={name} />
      </Table.Td>
    </Table.Tr>
  );
}
