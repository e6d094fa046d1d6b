import '@xyflow/react/dist/style.css';
import { Badge, Group, Paper, Stack, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Background, Controls, type Edge, MarkerType, type Node, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';

import { CliHint } from '../../components/CliHint.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { containersWithNetworksQuery } from '../../lib/docker/container-details.ts';
import { networksQuery } from '../../lib/docker/networks.ts';
import { FilterInput, useTableState } from '../../components/data-table.tsx';
import { containerNodeId, layoutTopology, type SwarmView, type Topology } from './layout.ts';
import { nodesQuery, overlaySpread, overlaySpreadQuery } from '../../lib/docker/swarm.ts';
import type { Network } from '../../lib/docker/networks.ts';
import { useLiveContainerPatches } from './live-patches.ts';
import { OverlaySpread } from './OverlaySpread.tsx';
import { infoQuery } from '../../lib/docker/system.ts';
import { ContainerBox, HostBox, NetworkGroup, SwarmNodeBox } from './TopologyNodes.tsx';
import { RoutedEdge } from './RoutedEdge.tsx';
import { useEngineNavigate } from '../../lib/engine-paths.tsx';

const nodeTypes = { network: NetworkGroup, container: ContainerBox, host: HostBox, swarmNode: SwarmNodeBox };
const edgeTypes = { routed: RoutedEdge };

function toFlow(t: Topology): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  if (t.host) nodes.push({ id: 'host', type: 'host', position: t.host, data: {}, draggable: false, selectable: false });
  for (const n of t.networks) {
    nodes.push({
      id: n.id,
      type: 'network',
      position: { x: n.x, y: n.y },
      data: { net: n },
      style: { width: n.width, height: n.height },
      draggable: false,
      zIndex: 0,
    });
  }
  for (const n of t.swarmNodes) {
    nodes.push({
      id: n.id,
      type: 'swarmNode',
      position: { x: n.x, y: n.y },
      data: { node: n },
      draggable: false,
      selectable: false,
      ariaLabel: `Swarm node ${n.name}`,
    });
  }
  for (const c of t.containers) {
    nodes.push({
      id: containerNodeId(c.name),
      type: 'container',
      position: { x: c.x, y: c.y },
      parentId: c.parent,
      extent: c.parent ? 'parent' : undefined,
      data: { c, bridge: !c.parent && c.networks.length > 1 },
      ariaLabel: `Container ${c.name}, ${c.state}, on ${c.networks.join(', ') || 'no network'}. Enter opens it.`,
      zIndex: 1,
    });
  }
  const edges: Edge[] = t.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    // Along the gutters (layout.ts); straight only where the layout gave no course.
    type: e.route ? 'routed' : 'default',
    data: e.route ? { route: e.route, labelAt: e.kind === 'port' ? 'end' : 'start' } : undefined,
    zIndex: 2,
    animated: e.kind === 'port',
    markerEnd: e.kind === 'port' ? { type: MarkerType.ArrowClosed } : undefined,
    style: {
      stroke:
        e.kind === 'port'
          ? 'var(--mantine-color-teal-6)'
          : e.kind === 'overlay'
            ? 'var(--mantine-color-blue-6)'
            : 'var(--mantine-color-violet-6)',
      strokeWidth: 2,
      ...(e.kind === 'overlay' ? { strokeDasharray: '6 4' } : {}),
    },
    labelStyle: { fontFamily: 'monospace', fontSize: 11 },
    labelBgStyle: { fill: 'var(--mantine-color-body)' },
    ariaLabel:
      e.kind === 'port'
        ? `${e.source.slice(2)} publishes ${e.label}`
        : e.kind === 'overlay'
          ? `overlay ${e.target.slice(2)} spans node ${e.source.slice(2)}`
          : `${e.source.slice(2)} on ${e.target.slice(2)}${e.label ? ` as ${e.label}` : ''}`,
  }));
  return { nodes, edges };
}

function TopologyMap({ topology }: { topology: Topology }) {
  const navigate = useEngineNavigate();
  const scheme = useComputedColorScheme('light');
  const { fitView } = useReactFlow();
  const { nodes, edges } = useMemo(() => toFlow(topology), [topology]);
  // Refit when what is shown changes shape (filter, new networks), not on every refetch.
  const shape = `${topology.networks.map((n) => n.name).join()}|${topology.containers.length}|${topology.swarmNodes.length}`;
  const lastShape = useRef('');
  useEffect(() => {
    if (lastShape.current === shape) return;
    lastShape.current = shape;
    const t = window.setTimeout(() => void fitView({ padding: 0.1, duration: 200 }), 30);
    return () => window.clearTimeout(t);
  }, [shape, fitView]);
  const open = (node: Node) => {
    if (node.type === 'container') navigate(`/containers/${(node.data as { c: { id: string } }).c.id}`);
    else if (node.type === 'network') navigate(`/networks/${encodeURIComponent((node.data as { net: { name: string } }).net.name)}`);
  };
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      colorMode={scheme}
      fitView
      minZoom={0.1}
      nodesConnectable={false}
      nodesDraggable={false}
      elementsSelectable
      onNodeClick={(_, node) => open(node)}
      onKeyDown={(e) => {
        const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
        const node = id ? nodes.find((n) => n.id === id) : undefined;
        if (e.key === 'Enter' && node) open(node);
      }}
      proOptions={{ hideAttribution: true }}
      aria-label="Network topology"
    >
      <Background />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** On a Swarm manager: its nodes, and the nodes each overlay spans (from `docker network inspect --verbose`). */
function useSwarmView(swarmManager: boolean, overlays: Network[]): SwarmView | undefined {
  const engine = useEngine();
  const nodes = useQuery({ ...nodesQuery(engine), enabled: swarmManager });
  const spreads = useQueries({ queries: overlays.map((n) => ({ ...overlaySpreadQuery(engine, n.Id), enabled: swarmManager })) });
  const key = JSON.stringify([nodes.dataUpdatedAt, overlays.map((n) => n.Id), spreads.map((s) => s.dataUpdatedAt)]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the data it is made of
  return useMemo(() => {
    if (!swarmManager || !nodes.data) return undefined;
    const spans: Record<string, string[]> = {};
    overlays.forEach((n, i) => {
      const data = spreads[i]?.data;
      if (data) spans[n.Name] = overlaySpread(data, nodes.data ?? []).map((s) => s.node);
    });
    return { nodes: nodes.data.map((n) => n.Description.Hostname).sort(), spans };
  }, [swarmManager, key]);
}

/** `/networks/topology`: networks as groups, containers linked to every network they are on, published ports to the host; live from engine events. */
export function TopologyPage() {
  const engine = useEngine();
  const networks = useQuery(networksQuery(engine));
  const containers = useQuery(containersWithNetworksQuery(engine));
  useLiveContainerPatches();
  const table = useTableState('name');
  const { q, setQ } = table;
  const swarmManager = useQuery(infoQuery(engine)).data?.Swarm?.ControlAvailable === true;
  const overlays = (networks.data ?? []).filter(
    (n) => swarmManager && n.Driver === 'overlay' && !n.Ingress && n.Name.toLowerCase().includes(q.toLowerCase()),
  );
  const swarm = useSwarmView(swarmManager, overlays);
  const topology = useMemo(
    () => layoutTopology(networks.data ?? [], containers.data ?? [], q, swarm),
    [networks.data, containers.data, q, swarm],
  );
  return (
    <Stack h="calc(100vh - 110px)" gap="xs">
      <Group justify="space-between">
        <Title order={2}>Topology</Title>
        <Group gap="xs">
          <Badge variant="outline" color="blue">
            network
          </Badge>
          <Badge variant="outline" color="orange">
            internal: no outside access
          </Badge>
          <Badge variant="outline" color="violet">
            bridges networks
          </Badge>
          <Badge variant="outline" color="teal">
            published port
          </Badge>
        </Group>
      </Group>
      <Group justify="space-between">
        <FilterInput label="Filter containers or networks" value={q} onChange={setQ} />
        <Text size="xs" c="dimmed">
          {topology.networks.length} networks · {topology.containers.length} containers · click a node to open it
        </Text>
        <CliHint command={"docker network ls && docker ps -a --format '{{.Names}}: {{.Networks}} {{.Ports}}'"} />
      </Group>
      <QueryState isPending={networks.isPending || containers.isPending} error={networks.error ?? containers.error}>
        <Paper withBorder style={{ flex: 1, minHeight: 400 }} data-testid="topology">
          {topology.networks.length === 0 && topology.containers.length === 0 ? (
            <Text p="md" c="dimmed">
              {q ? `Nothing matches "${q}".` : 'No networks or containers yet. Create a network, then run containers on it.'}
            </Text>
          ) : (
            <ReactFlowProvider>
              <TopologyMap topology={topology} />
            </ReactFlowProvider>
          )}
        </Paper>
        <OverlaySpread networks={overlays} />
      </QueryState>
    </Stack>
  );
}
