import { Badge, Group, Text } from '@mantine/core';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { STATE_COLORS } from '../../components/StateBadge.tsx';
import type { TopoContainer, TopoNetwork, TopoSwarmNode } from './layout.ts';

export type NetworkNode = Node<{ net: TopoNetwork }, 'network'>;
export type ContainerNode = Node<{ c: TopoContainer; bridge: boolean }, 'container'>;
export type HostNode = Node<Record<string, never>, 'host'>;
export type SwarmNodeNode = Node<{ node: TopoSwarmNode }, 'swarmNode'>;

const hidden = { opacity: 0, pointerEvents: 'none' as const };

/** A network: a group box; internal networks dashed orange, "no outside access". */
export function NetworkGroup({ data }: NodeProps<NetworkNode>) {
  const n = data.net;
  return (
    <div
      data-testid={`topo-network-${n.name}`}
      data-internal={n.internal}
      style={{
        width: n.width,
        height: n.height,
        borderRadius: 10,
        border: `2px ${n.internal ? 'dashed var(--mantine-color-orange-6)' : 'solid var(--mantine-color-blue-5)'}`,
        background: n.internal
          ? 'color-mix(in srgb, var(--mantine-color-orange-6) 7%, transparent)'
          : 'color-mix(in srgb, var(--mantine-color-blue-5) 6%, transparent)',
        padding: '6px 10px',
      }}
    >
      <Text fw={700} ff="monospace" fz="sm" truncate="start" title={n.name} ta="left">
        {n.name}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Text fz={10} c="dimmed" truncate>
          {n.driver} {n.subnets.join(' ')}
        </Text>
        {n.internal && (
          <Badge size="xs" color="orange" variant="filled" title="Internal network: no outside access" style={{ flex: 'none' }}>
            internal · no outside access
          </Badge>
        )}
      </Group>
      <Handle type="target" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

/** A container; a bridge between networks gets a thicker violet border. */
export function ContainerBox({ data }: NodeProps<ContainerNode>) {
  const { c, bridge } = data;
  const aliasText = Object.entries(c.aliases)
    .filter(([, a]) => a.length)
    .map(([n, a]) => (bridge ? '' : `${a.join(', ')}`) || (bridge ? '' : n))
    .filter(Boolean)
    .join(' · ');
  return (
    <div
      data-testid={`topo-container-${c.name}`}
      data-networks={c.networks.join(',')}
      title={`${c.name} — ${c.state} — on ${c.networks.join(', ') || 'no network'}${c.ports.length ? ` — ports ${c.ports.join(', ')}` : ''}`}
      style={{
        width: 190,
        minHeight: 44,
        borderRadius: 8,
        border: `${bridge ? 3 : 1}px solid ${bridge ? 'var(--mantine-color-violet-6)' : 'var(--mantine-color-default-border)'}`,
        background: 'var(--mantine-color-body)',
        padding: '4px 8px',
        cursor: 'pointer',
      }}
    >
      <Handle type="source" position={Position.Top} style={hidden} isConnectable={false} />
      <Group gap={6} wrap="nowrap">
        <span
          role="img"
          aria-label={c.state}
          style={{
            width: 8,
            height: 8,
            borderRadius: 4,
            flex: 'none',
            background: `var(--mantine-color-${STATE_COLORS[c.state] ?? 'gray'}-6)`,
          }}
        />
        <Text fz="xs" fw={600} ff="monospace" truncate="start" title={c.name}>
          {c.name}
        </Text>
      </Group>
      <Text fz={10} c="dimmed" truncate>
        {c.ports.length
          ? `⇡ ${c.ports.join(' ')}`
          : bridge
            ? `bridges ${c.networks.length} networks`
            : aliasText
              ? `alias ${aliasText}`
              : c.state}
      </Text>
    </div>
  );
}

/** The host: where published ports lead. */
export function HostBox() {
  return (
    <div
      data-testid="topo-host"
      style={{
        width: 220,
        padding: '8px 12px',
        borderRadius: 8,
        border: '2px solid var(--mantine-color-teal-6)',
        background: 'var(--mantine-color-body)',
        textAlign: 'center',
      }}
    >
      <Text fw={700} fz="sm">
        Host (published ports)
      </Text>
      <Handle type="target" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

/** A Swarm node (on a manager): the overlays it carries end here. */
export function SwarmNodeBox({ data }: NodeProps<SwarmNodeNode>) {
  return (
    <div
      data-testid={`topo-swarm-node-${data.node.name}`}
      style={{
        width: 190,
        padding: '6px 10px',
        borderRadius: 8,
        border: '2px dashed var(--mantine-color-blue-6)',
        background: 'var(--mantine-color-body)',
      }}
    >
      <Text fw={700} fz="sm" ff="monospace" truncate title={data.node.name}>
        {data.node.name}
      </Text>
      <Text fz={11} c="dimmed">
        swarm node
      </Text>
      <Handle type="source" position={Position.Top} style={hidden} isConnectable={false} />
    </div>
  );
}
