import type { ContainerSummary } from '../../lib/docker/containers.ts';
import type { Network } from '../../lib/docker/networks.ts';

/**
 * A deterministic layered layout of our own rather than dagre/elkjs: the graph is always
 * bipartite (networks ↔ containers) plus one host node, so three bands do it — the host on top,
 * each network as a group box in a roughly square block of rows, holding the containers that are only on that
 * network in a grid, and below them the containers that bridge several networks, each placed
 * under the middle of its networks. Same input, same picture: nodes never jump around when an
 * event refetches, which a general-purpose layered layout does not promise, and it costs no
 * extra dependency on the lazy-loaded route.
 */
export const CONTAINER_W = 190;
export const CONTAINER_H = 52;
const GAP = 14;
const HEADER = 52;
const PAD = 14;
const GROUP_GAP = 60;
const BAND_GAP = 90;

export interface TopoNetwork {
  id: string;
  name: string;
  driver: string;
  internal: boolean;
  subnets: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TopoContainer {
  id: string;
  name: string;
  state: string;
  /** Parent network group when the container is on exactly one shown network. */
  parent?: string;
  /** Position: relative to the parent group when there is one. */
  x: number;
  y: number;
  ports: string[];
  /** Aliases (user-given, short ids left out) per network name. */
  aliases: Record<string, string[]>;
  networks: string[];
}

export interface TopoEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  kind: 'network' | 'port';
}

export interface Topology {
  host?: { x: number; y: number };
  networks: TopoNetwork[];
  containers: TopoContainer[];
  edges: TopoEdge[];
}

export const containerNodeId = (name: string) => `c:${name}`;
export const networkNodeId = (name: string) => `n:${name}`;

const nameOf = (c: ContainerSummary) => (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');

function portsOf(c: ContainerSummary): string[] {
  const seen = new Set<string>();
  for (const p of c.Ports ?? []) {
    if (!p.PublicPort) continue;
    seen.add(`${p.IP && p.IP !== '0.0.0.0' && p.IP !== '::' ? p.IP : '*'}:${p.PublicPort}→${p.PrivatePort}/${p.Type}`);
  }
  return [...seen].sort();
}

/** Which containers and networks the filter keeps: a match on a container keeps its networks, a match on a network keeps its containers. */
function applyFilter(networks: Network[], containers: ContainerSummary[], filter: string) {
  const needle = filter.trim().toLowerCase();
  const netsOf = (c: ContainerSummary) => Object.keys(c.NetworkSettings.Networks ?? {});
  if (!needle) {
    const used = new Set(containers.flatMap(netsOf));
    return { networks: networks.filter((n) => !['host', 'none'].includes(n.Name) || used.has(n.Name)), containers };
  }
  const netHit = new Set(networks.filter((n) => n.Name.toLowerCase().includes(needle)).map((n) => n.Name));
  const keptContainers = containers.filter((c) => nameOf(c).toLowerCase().includes(needle) || netsOf(c).some((n) => netHit.has(n)));
  const keptNets = new Set([...netHit, ...keptContainers.flatMap(netsOf)]);
  return { networks: networks.filter((n) => keptNets.has(n.Name)), containers: keptContainers };
}

export function layoutTopology(allNetworks: Network[], allContainers: ContainerSummary[], filter = ''): Topology {
  const { networks: nets, containers } = applyFilter(allNetworks, allContainers, filter);
  const networks = [...nets].sort((a, b) => a.Name.localeCompare(b.Name));
  const shown = new Set(networks.map((n) => n.Name));
  const sorted = [...containers].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const onNets = (c: ContainerSummary) =>
    Object.keys(c.NetworkSettings.Networks ?? {})
      .filter((n) => shown.has(n))
      .sort();
  const members = new Map<string, ContainerSummary[]>(networks.map((n) => [n.Name, []]));
  const bridges: ContainerSummary[] = [];
  const loose: ContainerSummary[] = [];
  for (const c of sorted) {
    const ns = onNets(c);
    if (ns.length === 1) members.get(ns[0] as string)?.push(c);
    else if (ns.length > 1) bridges.push(c);
    else loose.push(c);
  }

  const anyPorts = containers.some((c) => portsOf(c).length > 0);
  const top = anyPorts ? 120 : 0;

  // Network groups, row by row.
  const topoNets: TopoNetwork[] = [];
  const topoContainers: TopoContainer[] = [];
  let x = 0;
  let y = top;
  let rowHeight = 0;
  let maxX = 0;
  // A roughly square block of groups keeps the fitted zoom readable (8 networks: 3 per row).
  const perRow = Math.max(1, Math.ceil(Math.sqrt(networks.length)));
  networks.forEach((n, i) => {
    if (i > 0 && i % perRow === 0) {
      x = 0;
      y += rowHeight + GROUP_GAP;
      rowHeight = 0;
    }
    const list = members.get(n.Name) ?? [];
    const cols = Math.max(1, Math.min(3, Math.ceil(Math.sqrt(list.length))));
    const rows = Math.ceil(list.length / cols);
    const width = Math.max(230, PAD * 2 + cols * CONTAINER_W + (cols - 1) * GAP);
    const height = HEADER + PAD + Math.max(1, rows) * (CONTAINER_H + GAP);
    topoNets.push({
      id: networkNodeId(n.Name),
      name: n.Name,
      driver: n.Driver,
      internal: n.Internal,
      subnets: (n.IPAM.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
      x,
      y,
      width,
      height,
    });
    list.forEach((c, j) => {
      topoContainers.push(
        toNode(c, PAD + (j % cols) * (CONTAINER_W + GAP), HEADER + Math.floor(j / cols) * (CONTAINER_H + GAP), networkNodeId(n.Name)),
      );
    });
    x += width + GROUP_GAP;
    maxX = Math.max(maxX, x - GROUP_GAP);
    rowHeight = Math.max(rowHeight, height);
  });

  // Bridging containers under the middle of their networks; collisions pushed right.
  const bandY = y + rowHeight + BAND_GAP;
  const centre = new Map(topoNets.map((n) => [n.name, n.x + n.width / 2]));
  const wanted = bridges
    .map((c) => {
      const xs = onNets(c).map((n) => centre.get(n) ?? 0);
      return { c, x: xs.reduce((s, v) => s + v, 0) / xs.length - CONTAINER_W / 2 };
    })
    .sort((a, b) => a.x - b.x || nameOf(a.c).localeCompare(nameOf(b.c)));
  let cursor = Number.NEGATIVE_INFINITY;
  for (const w of wanted) {
    const bx = Math.max(w.x, cursor + CONTAINER_W + GAP);
    topoContainers.push(toNode(w.c, bx, bandY));
    cursor = bx;
  }
  const looseY = bandY + (bridges.length ? CONTAINER_H + BAND_GAP : 0);
  loose.forEach((c, i) => {
    topoContainers.push(toNode(c, i * (CONTAINER_W + GAP), looseY));
  });

  const edges: TopoEdge[] = [];
  for (const c of bridges) {
    for (const n of onNets(c)) {
      const aliases = userAliases(c, n);
      edges.push({
        id: `e:${nameOf(c)}:${n}`,
        source: containerNodeId(nameOf(c)),
        target: networkNodeId(n),
        label: aliases.length ? aliases.join(', ') : undefined,
        kind: 'network',
      });
    }
  }
  for (const c of containers) {
    const ports = portsOf(c);
    if (ports.length)
      edges.push({ id: `p:${nameOf(c)}`, source: containerNodeId(nameOf(c)), target: 'host', label: ports.join('  '), kind: 'port' });
  }
  return { host: anyPorts ? { x: Math.max(0, maxX / 2 - 110), y: 0 } : undefined, networks: topoNets, containers: topoContainers, edges };
}

function userAliases(c: ContainerSummary, network: string): string[] {
  return (c.NetworkSettings.Networks?.[network]?.Aliases ?? []).filter((a) => !c.Id.startsWith(a) && a !== nameOf(c));
}

function toNode(c: ContainerSummary, x: number, y: number, parent?: string): TopoContainer {
  const networks = Object.keys(c.NetworkSettings.Networks ?? {}).sort();
  return {
    id: c.Id,
    name: nameOf(c),
    state: c.State,
    parent,
    x,
    y,
    ports: portsOf(c),
    aliases: Object.fromEntries(networks.map((n) => [n, userAliases(c, n)])),
    networks,
  };
}
