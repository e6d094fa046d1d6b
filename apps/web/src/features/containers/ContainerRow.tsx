import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { PlainCheckbox } from '../../components/PlainCheckbox.tsx';
import type { ContainerUsage } from '@porthole/shared/stats';
import { type ComponentPropsWithRef, Suspense, memo, useState } from 'react';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { CpuText, MemoryText } from '../../components/LiveUsage.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { accepts } from '@porthole/shared/container-actions';
import { type ContainerSummary, containerName } from '../../lib/docker/containers.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { formatMemory, shortId, timeAgo } from '../../lib/format.ts';
import { importChunk, lazyChunk } from '../../lib/lazy-chunk.ts';
import type { Permission } from '../../lib/role.ts';
import { Why } from '../../components/Why.tsx';

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
            size="xs"
            ff="monospace"
            title={title}
            style={ONE_LINE}
          >
            {label}
          </Anchor>
        ) : (
          <Text key={title} size="xs" ff="monospace" title={title} style={ONE_LINE}>
            {label}
          </Text>
        );
      })}
    </Group>
  );
}

/** Start or Stop, whichever the container's state accepts (no dialog: neither destroys anything). */
function StartStop({ c, name, act }: { c: ContainerSummary; name: string; act: Permission }) {
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
    <Why p={act}>
      <Button
        size="compact-xs"
        variant="subtle"
        loading={pending}
        onClick={run}
        aria-label={`${label} ${name}`}
        disabled={!act.allowed}
        title={act.reason ?? `docker ${action} ${name}`}
      >
        {label}
      </Button>
    </Why>
  );
}

const memoryTitle = (used: number, limit: number, own: number | undefined) =>
  `${formatMemory(used)} of ${formatMemory(limit)}${own ? ' (its own limit)' : ' (no limit of its own: the engine host’s memory)'}`;

/** The kebab button; a menu target passes its props (ref, handlers, aria) through. */
function Kebab({ name, ...rest }: { name: string } & ComponentPropsWithRef<'button'> & { loading?: boolean }) {
  return (
    <Button size="compact-xs" variant="subtle" color="gray" aria-label={`More actions for ${name}`} {...rest}>
      ⋮
    </Button>
  );
}

/** What the signed-in role may do to a row (worked out once for the whole list). */
export interface RowPermissions {
  act: Permission;
  terminal: Permission;
}

function QuickActions({ c, name, can }: { c: ContainerSummary; name: string; can: RowPermissions }) {
  const [menu, setMenu] = useState(false);
  const base = `/containers/${c.Id}`;
  const link = (path: string, label: string, text: string) => (
    <Button component={EngineLink} to={`${base}/${path}`} size="compact-xs" variant="subtle" aria-label={`${label} of ${name}`}>
      {text}
    </Button>
  );
  // Below a phone's width only the ⋮ stays: its menu has the views, and "All actions…" the rest.
  return (
    <Group gap={0} wrap="nowrap" justify="end">
      <Group gap={0} wrap="nowrap" className="cl-quick">
        {link('logs', 'Logs', 'Logs')}
        {link('stats', 'Stats', 'Stats')}
        {/* A view the role cannot use at all is not offered (as the detail page's tabs). */}
        {c.State === 'running' && can.terminal.allowed && link('terminal', 'Terminal', 'Shell')}
        <StartStop c={c} name={name} act={can.act} />
      </Group>
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

interface ContainerRowProps {
  c: ContainerSummary;
  usage: ContainerUsage | undefined;
  /** The engine's memory (`docker info` MemTotal): a limit below it is the container's own. */
  hostMemory: number | undefined;
  /** Whether the list shows the Project column (some listed container is in a compose project). */
  withProject: boolean;
  can: RowPermissions;
  selected: boolean;
  /** Selects or unselects a row by id (any copy of it works: the page passes a new one each render). */
  onSelect: (id: string, on: boolean) => void;
  /** The minute of the page's render: the row's "created … ago" follows it. */
  minute: number;
}

/**
 * A row renders again only when what it shows changed: its container (the list keeps unchanged
 * rows' objects across refetches: `shareRowsById`), its usage, the selection, the minute, what the
 * role may do. With hundreds of rows, a refetch or a usage frame re-rendered every row (a new
 * container took ~0.8 s to show among 240). `onSelect` is left out: any copy of it works.
 */
const sameRow = (a: ContainerRowProps, b: ContainerRowProps) =>
  (Object.keys(a) as Array<keyof ContainerRowProps>).every(
    (k) =>
      k === 'onSelect' ||
      a[k] === b[k] ||
      (k === 'can' && a.can.act.reason === b.can.act.reason && a.can.terminal.reason === b.can.terminal.reason),
  );

/** One container in the list: one line, names and images truncated (full text on hover). */
export const ContainerRow = memo(function ContainerRow({ c, usage, hostMemory, withProject, can, selected, onSelect }: ContainerRowProps) {
  const name = containerName(c);
  const health = healthOf(c.Status);
  const running = c.State === 'running';
  const project = c.Labels[COMPOSE];
  const used = running ? (usage?.memoryUsage ?? undefined) : undefined;
  const limit = usage?.memoryLimit ?? undefined;
  // Without a limit of its own the engine reports the host's memory as the limit: said on hover only.
  const ownLimit = limit !== undefined && hostMemory !== undefined && limit < hostMemory ? limit : undefined;
  return (
    <Table.Tr data-testid={`container-row-${name}`} bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td className="cl-fit">
        <PlainCheckbox aria-label={`Select ${name}`} checked={selected} onChange={(e) => onSelect(c.Id, e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td className="cl-name">
        <Anchor
          component={EngineLink}
          to={`/containers/${c.Id}`}
          fw={600}
          size="sm"
          truncate="end"
          title={`${name} (${shortId(c.Id)})${project ? `, compose project ${project}` : ''}`}
          display="block"
        >
          {name}
        </Anchor>
      </Table.Td>
      <Table.Td className="cl-image">
        <Text size="sm" truncate="end" title={c.Image}>
          {c.Image}
        </Text>
      </Table.Td>
      {/* The Status column gives way first: its text stays on the state's hover. */}
      <Table.Td className="cl-fit" title={c.Status}>
        <Group gap={4} wrap="nowrap">
          <StateBadge state={c.State} />
          {health && <StateBadge state={health} />}
        </Group>
      </Table.Td>
      <Table.Td className="cl-status" maw={160}>
        <Text size="sm" truncate="end" title={c.Status}>
          {c.Status}
        </Text>
      </Table.Td>
      <Table.Td className="cl-fit cl-ports">
        <Ports ports={c.Ports} />
      </Table.Td>
      <Table.Td className="cl-fit cl-created">
        <Text size="sm" style={ONE_LINE} title={new Date(c.Created * 1000).toLocaleString()}>
          {timeAgo(c.Created, 'short')}
        </Text>
      </Table.Td>
      <Table.Td data-testid="cpu" className="cl-fit cl-usage">
        <CpuText percent={running ? usage?.cpuPercent : undefined} />
      </Table.Td>
      <Table.Td
        data-testid="memory"
        className="cl-fit cl-usage"
        title={used !== undefined && limit ? memoryTitle(used, limit, ownLimit) : undefined}
      >
        <MemoryText used={used} limit={ownLimit} />
      </Table.Td>
      {withProject && (
        <Table.Td className="cl-project">
          <Text size="sm" truncate="end" title={project}>
            {project ?? ''}
          </Text>
        </Table.Td>
      )}
      <Table.Td className="cl-fit">
        <QuickActions c={c} name={name} can={can} />
      </Table.Td>
    </Table.Tr>
  );
}, sameRow);
