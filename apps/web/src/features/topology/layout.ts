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
/** The host box (TopologyNodes.tsx HostBox): its width and about its height. */
const HOST_W = 220;
const HOST_H = 40;
/** Edges that share a gutter run side by side this far apart (up to 7 lanes, then they repeat). */
const LANE = 5;
const lane = (i: number) => ((i % 7) - 3) * LANE;

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

export interface Point {
  x: number;
  y: number;
}

export interface TopoEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  kind: 'network' | 'port' | 'overlay';
  /**
   * The edge's course, corner by corner (flow coordinates), through the gutters between the
   * boxes: it never crosses a network or container it does not connect. Absent: drawn straight.
   */
  route?: Point[];
}

/** A Swarm node (on a manager): overlay networks are drawn to each node they span. */
export interface TopoSwarmNode {
  id: string;
  name: string;
  x: number;
  y: number;
}

/** What the map shows of a Swarm (on a manager): its nodes, and the nodes each overlay network spans. */
export interface SwarmView {
  nodes: string[];
  spans: Record<string, string[]>;
}

export interface Topology {
  host?: { x: number; y: number };
  networks: TopoNetwork[];
  containers: TopoContainer[];
  swarmNodes: TopoSwarmNode[];
  edges: TopoEdge[];
}

export const containerNodeId = (name: string) => `c:${name}`;
export const networkNodeId = (name: string) => `n:${name}`;
export const swarmNodeId = (name: string) => `s:${name}`;

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

export function layoutTopology(allNetworks: Network[], allContainers: ContainerSummary[], filter = '', swarm?: SwarmView): Topology {
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

  // Network groups, row by row, in columns of one width each: the gutters between rows and between
  // columns are then straight lines that no box crosses, which the edges follow.
  const topoNets: TopoNetwork[] = [];
  const topoContainers: TopoContainer[] = [];
  // A roughly square block of groups keeps the fitted zoom readable (8 networks: 3 per row).
  const perRow = Math.max(1, Math.ceil(Math.sqrt(networks.length)));
  const shape = networks.map((n) => {
    const list = members.get(n.Name) ?? [];
    const cols = Math.max(1, Math.min(3, Math.ceil(Math.sqrt(list.length))));
    const rows = Math.ceil(list.length / cols);
    return {
      list,
      cols,
      width: Math.max(230, PAD * 2 + cols * CONTAINER_W + (cols - 1) * GAP),
      height: HEADER + PAD + Math.max(1, rows) * (CONTAINER_H + GAP),
    };
  });
  const colWidth = Array.from({ length: perRow }, (_, k) => Math.max(0, ...shape.filter((_, i) => i % perRow === k).map((g) => g.width)));
  const colX = colWidth.map((_, k) => colWidth.slice(0, k).reduce((sum, w) => sum + w + GROUP_GAP, 0));
  const rowCount = Math.ceil(networks.length / perRow);
  const rowHeight = Array.from({ length: rowCount }, (_, r) => Math.max(...shape.slice(r * perRow, (r + 1) * perRow).map((g) => g.height)));
  const rowTop = rowHeight.map((_, r) => top + rowHeight.slice(0, r).reduce((sum, h) => sum + h + GROUP_GAP, 0));
  const maxX = networks.length ? (colX.at(-1) ?? 0) + (colWidth.at(-1) ?? 0) : 0;
  const cell = new Map<string, { row: number; col: number }>();
  networks.forEach((n, i) => {
    const g = shape[i] as (typeof shape)[number];
    const row = Math.floor(i / perRow);
    const col = i % perRow;
    cell.set(networkNodeId(n.Name), { row, col });
    topoNets.push({
      id: networkNodeId(n.Name),
      name: n.Name,
      driver: n.Driver,
      internal: n.Internal,
      subnets: (n.IPAM.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
      x: colX[col] as number,
      y: rowTop[row] as number,
      width: colWidth[col] as number,
      height: g.height,
    });
    g.list.forEach((c, j) => {
      topoContainers.push(
        toNode(c, PAD + (j % g.cols) * (CONTAINER_W + GAP), HEADER + Math.floor(j / g.cols) * (CONTAINER_H + GAP), networkNodeId(n.Name)),
      );
    });
  });
  const y = rowTop.at(-1) ?? top;
  const lastRowHeight = rowHeight.at(-1) ?? 0;

  // Bridging containers under the middle of their networks; collisions pushed right.
  const bandY = y + lastRowHeight + BAND_GAP;
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
  // The Swarm's nodes in a row of their own under everything, the overlays drawn down to them.
  const swarmY = looseY + (loose.length ? CONTAINER_H + BAND_GAP : 0);
  const swarmNodes: TopoSwarmNode[] = (swarm?.nodes ?? []).map((name, i) => ({
    id: swarmNodeId(name),
    name,
    x: i * (CONTAINER_W + GAP * 2),
    y: swarmY,
  }));

  const host = anyPorts ? { x: Math.max(0, maxX / 2 - HOST_W / 2), y: 0 } : undefined;
  const groups = new Map(topoNets.map((n) => [n.id, n]));
  const placed = new Map(topoContainers.map((c) => [containerNodeId(c.name), c]));
  const router: Router = { groups, cell, rowTop, rowHeight, bandY, host, top, swarmY };

  const edges: TopoEdge[] = [];
  for (const c of bridges) {
    for (const n of onNets(c)) {
      const aliases = userAliases(c, n);
      const node = placed.get(containerNodeId(nameOf(c))) as TopoContainer;
      edges.push({
        id: `e:${nameOf(c)}:${n}`,
        source: containerNodeId(nameOf(c)),
        target: networkNodeId(n),
        label: aliases.length ? aliases.join(', ') : undefined,
        kind: 'network',
        route: networkRoute(router, groups.get(networkNodeId(n)) as TopoNetwork, node, edges.length),
      });
    }
  }
  for (const c of containers) {
    const ports = portsOf(c);
    const node = placed.get(containerNodeId(nameOf(c))) as TopoContainer;
    if (ports.length)
      edges.push({
        id: `p:${nameOf(c)}`,
        source: containerNodeId(nameOf(c)),
        target: 'host',
        label: ports.join('  '),
        kind: 'port',
        route: portRoute(router, node, edges.length),
      });
  }
  for (const g of topoNets) {
    for (const name of swarm?.spans[g.name] ?? []) {
      const node = swarmNodes.find((n) => n.name === name);
      if (!node) continue;
      edges.push({
        id: `o:${g.name}:${name}`,
        // From the node to the network: React Flow draws an edge between a source and a target handle.
        source: node.id,
        target: g.id,
        kind: 'overlay',
        route: overlayRoute(router, g, node, edges.length),
      });
    }
  }
  return { host, networks: topoNets, containers: topoContainers, swarmNodes, edges };
}

interface Router {
  groups: Map<string, TopoNetwork>;
  cell: Map<string, { row: number; col: number }>;
  rowTop: number[];
  rowHeight: number[];
  bandY: number;
  host?: Point;
  top: number;
  swarmY: number;
}

/** The gutter beside a group on the side of `towardsX`. */
const sideGutter = (g: TopoNetwork, towardsX: number, offset: number) =>
  towardsX < g.x + g.width / 2 ? g.x - GROUP_GAP / 2 + offset : g.x + g.width + GROUP_GAP / 2 + offset;

/**
 * A bridging container (in the band under the groups) to one of its networks: up from the
 * container into the band's gutter, along it, up the column gutter to the gutter under the
 * network's row, and into the bottom of the network's box.
 */
function networkRoute(r: Router, g: TopoNetwork, c: TopoContainer, i: number): Point[] {
  const { row } = r.cell.get(g.id) as { row: number };
  const from = { x: c.x + CONTAINER_W / 2, y: c.y };
  const to = { x: g.x + g.width / 2 + lane(i), y: g.y + g.height };
  const band = r.bandY - BAND_GAP / 2 + lane(i);
  if (row === r.rowTop.length - 1) return [from, { x: from.x, y: band }, { x: to.x, y: band }, to];
  const under = (r.rowTop[row] as number) + (r.rowHeight[row] as number) + GROUP_GAP / 2 + lane(i);
  const gutter = sideGutter(g, from.x, lane(i));
  return [from, { x: from.x, y: band }, { x: gutter, y: band }, { x: gutter, y: under }, { x: to.x, y: under }, to];
}

/**
 * An overlay network to a Swarm node it spans (the row under everything): down into the gutter
 * under its row, out to the lane left of every box, down it to the gutter above the nodes.
 */
function overlayRoute(r: Router, g: TopoNetwork, node: TopoSwarmNode, i: number): Point[] {
  const { row } = r.cell.get(g.id) as { row: number };
  const from = { x: g.x + g.width / 2 + lane(i), y: g.y + g.height };
  const to = { x: node.x + CONTAINER_W / 2 + lane(i), y: node.y };
  const under =
    row === r.rowTop.length - 1
      ? r.bandY - BAND_GAP / 2 + lane(i)
      : (r.rowTop[row] as number) + (r.rowHeight[row] as number) + GROUP_GAP / 2 + lane(i);
  const left = -GROUP_GAP / 2 + lane(i);
  const aboveNodes = r.swarmY - BAND_GAP / 2 + lane(i);
  return [from, { x: from.x, y: under }, { x: left, y: under }, { x: left, y: aboveNodes }, { x: to.x, y: aboveNodes }, to];
}

/**
 * A container publishing ports to the host box on top: out of its own box by the gap to its left
 * (between the containers of its network), up the column gutters to the band under the host.
 */
function portRoute(r: Router, c: TopoContainer, i: number): Point[] | undefined {
  if (!r.host) return undefined;
  const to = { x: r.host.x + HOST_W / 2 + lane(i), y: r.host.y + HOST_H };
  const underHost = (r.host.y + HOST_H + r.top) / 2 + lane(i);
  const g = c.parent ? r.groups.get(c.parent) : undefined;
  if (!g) {
    // In the band under the groups: up its own column of space only when nothing is above it.
    return undefined;
  }
  const { row } = r.cell.get(g.id) as { row: number };
  const start = { x: g.x + c.x, y: g.y + c.y + CONTAINER_H / 2 };
  const gap = { x: g.x + c.x - GAP / 2, y: start.y };
  const above = row === 0 ? underHost : (r.rowTop[row] as number) - GROUP_GAP / 2 + lane(i);
  const out = [start, gap, { x: gap.x, y: above }];
  if (row === 0) return [...out, { x: to.x, y: above }, to];
  const gutter = sideGutter(g, to.x, lane(i));
  return [...out, { x: gutter, y: above }, { x: gutter, y: underHost }, { x: to.x, y: underHost }, to];
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
