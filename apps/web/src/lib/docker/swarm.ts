import type { StackDeploy, StackDeployResult, StackInfo } from '@porthole/shared/stacks';
import { queryOptions } from '@tanstack/react-query';
import { api, docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';
import { base64OfBytes, type ConfigReference } from './swarm-configs.ts';

/** Swarm objects through the proxy (nodes, services, tasks, secrets) and the server's stack routes. */
export interface SwarmVersion {
  Index: number;
}
export interface SwarmNode {
  ID: string;
  Version: SwarmVersion;
  Spec: { Role: 'manager' | 'worker'; Availability: 'active' | 'pause' | 'drain'; Labels?: Record<string, string> };
  Description: { Hostname: string; Resources: { NanoCPUs: number; MemoryBytes: number }; Engine: { EngineVersion: string } };
  Status: { State: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability: string; Addr?: string };
}
export interface PortConfig {
  Protocol?: string;
  TargetPort: number;
  PublishedPort?: number;
}
export interface ServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: {
      Image: string;
      Env?: string[];
      Args?: string[];
      Command?: string[];
      Secrets?: SecretReference[];
      Configs?: ConfigReference[];
      /** Nanoseconds. */
      StopGracePeriod?: number;
    };
    Placement?: { Constraints?: string[] };
    [k: string]: unknown;
  };
  Mode: { Replicated?: { Replicas: number }; Global?: object };
  EndpointSpec?: { Mode?: 'vip' | 'dnsrr'; Ports?: PortConfig[] };
  [k: string]: unknown;
}
export interface SecretReference {
  SecretName: string;
  SecretID: string;
  File: { Name: string; UID: string; GID: string; Mode: number };
}
export interface SwarmService {
  ID: string;
  Version: SwarmVersion;
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  Endpoint?: { Ports?: PortConfig[] };
  UpdateStatus?: { State: string; Message?: string };
  ServiceStatus?: { RunningTasks: number; DesiredTasks: number };
}
export interface SwarmTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  CreatedAt: string;
  Spec: { ContainerSpec: { Image: string } };
  Status: { State: string; Message?: string; Err?: string; Timestamp: string; ContainerStatus?: { ContainerID?: string } };
}
export interface SwarmSecret {
  ID: string;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: { Name: string; Labels?: Record<string, string> };
}

export const swarmKeys = {
  nodes: (engine: string) => resourceKey(engine, 'nodes'),
  services: (engine: string) => resourceKey(engine, 'services'),
  service: (engine: string, id: string) => [...resourceKey(engine, 'services'), id] as const,
  tasks: (engine: string, filter: string) => [...resourceKey(engine, 'tasks'), filter] as const,
  allTasks: (engine: string) => resourceKey(engine, 'tasks'),
  secrets: (engine: string) => resourceKey(engine, 'secrets'),
  stacks: (engine: string) => resourceKey(engine, 'stacks'),
};

/** Swarm objects change without events the browser follows: poll while a view is open. */
const POLL = 2000;

export const nodesQuery = (engine: string) =>
  queryOptions({ queryKey: swarmKeys.nodes(engine), queryFn: () => docker<SwarmNode[]>(engine, '/nodes'), refetchInterval: POLL });
export const servicesQuery = (engine: string) =>
  queryOptions({
    queryKey: swarmKeys.services(engine),
    queryFn: () => docker<SwarmService[]>(engine, '/services', { query: { status: 'true' } }),
    refetchInterval: POLL,
  });
export const serviceQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: swarmKeys.service(engine, id),
    queryFn: () => docker<SwarmService>(engine, `/services/${encodeURIComponent(id)}`),
    refetchInterval: POLL,
  });
/** Tasks of one service (`service=`) or one node (`node=`), or all when no filter. */
export const tasksQuery = (engine: string, filters: Record<string, string[]> = {}) =>
  queryOptions({
    queryKey: swarmKeys.tasks(engine, JSON.stringify(filters)),
    queryFn: () => docker<SwarmTask[]>(engine, '/tasks', { query: { filters: JSON.stringify(filters) } }),
    refetchInterval: POLL,
  });
export const secretsQuery = (engine: string) =>
  queryOptions({ queryKey: swarmKeys.secrets(engine), queryFn: () => docker<SwarmSecret[]>(engine, '/secrets') });

const stacksPath = (engine: string) => `/api/engines/${encodeURIComponent(engine)}/stacks`;
export const stacksQuery = (engine: string) =>
  queryOptions({ queryKey: swarmKeys.stacks(engine), queryFn: () => api<StackInfo[]>(stacksPath(engine)), refetchInterval: POLL });
export const deployStack = (engine: string, body: StackDeploy) =>
  api<StackDeployResult>(stacksPath(engine), { method: 'POST', body: { ...body } });
export const removeStack = (engine: string, name: string) =>
  api<void>(`${stacksPath(engine)}/${encodeURIComponent(name)}`, { method: 'DELETE' });

/** `docker node update`: the spec is replaced whole, at the version it was read. */
export const updateNode = (engine: string, node: SwarmNode, spec: SwarmNode['Spec']) =>
  docker<void>(engine, `/nodes/${encodeURIComponent(node.ID)}/update`, {
    method: 'POST',
    query: { version: node.Version.Index },
    body: spec,
  });
export const removeNode = (engine: string, id: string) =>
  docker<void>(engine, `/nodes/${encodeURIComponent(id)}`, { method: 'DELETE', query: { force: 'true' } });

export const createService = (engine: string, spec: ServiceSpec) =>
  docker<{ ID: string }>(engine, '/services/create', { method: 'POST', body: spec });
/** `docker service update`; `rollback` sends `rollback=previous` (the engine restores PreviousSpec). */
export const updateService = (engine: string, service: SwarmService, spec: ServiceSpec, rollback = false) =>
  docker<void>(engine, `/services/${encodeURIComponent(service.ID)}/update`, {
    method: 'POST',
    query: rollback ? { version: service.Version.Index, rollback: 'previous' } : { version: service.Version.Index },
    body: spec,
  });
export const removeService = (engine: string, id: string) =>
  docker<void>(engine, `/services/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** The value is sent once (base64) and never read back: the engine does not return it either. */
export const createSecret = (engine: string, name: string, value: string) =>
  docker<{ ID: string }>(engine, '/secrets/create', {
    method: 'POST',
    body: { Name: name, Data: base64OfBytes(new TextEncoder().encode(value)), Labels: {} },
  });
export const removeSecret = (engine: string, id: string) =>
  docker<void>(engine, `/secrets/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** `GET /networks/{id}?verbose=true` on a manager: an overlay's endpoints on every node (`Services[""]` are standalone containers). */
export interface OverlayNetworkVerbose {
  Name: string;
  Peers?: { Name: string; IP: string }[] | null;
  Services?: Record<string, { Tasks?: { Name: string; EndpointIP: string; Info?: Record<string, string> }[] | null }> | null;
}
export const overlaySpreadQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: [...resourceKey(engine, 'networks'), 'verbose', id] as const,
    queryFn: () =>
      docker<OverlayNetworkVerbose>(engine, `/networks/${encodeURIComponent(id)}`, { query: { verbose: 'true', scope: 'swarm' } }),
    refetchInterval: POLL,
  });

/** Which node holds which endpoints of an overlay: its peers (by address) with the containers and tasks on each. */
export function overlaySpread(net: OverlayNetworkVerbose, nodes: SwarmNode[]): { node: string; endpoints: string[] }[] {
  // A manager may report 0.0.0.0 as its status address; its manager address (`ip:2377`) is the one peers use.
  const byAddr = new Map(
    nodes.flatMap((n) => [
      [n.Status.Addr ?? '', n.Description.Hostname] as const,
      [n.ManagerStatus?.Addr?.replace(/:\d+$/, '') ?? '', n.Description.Hostname] as const,
    ]),
  );
  const spread = new Map<string, string[]>((net.Peers ?? []).map((p) => [byAddr.get(p.IP) ?? p.IP, []]));
  for (const { Tasks } of Object.values(net.Services ?? {}))
    for (const t of Tasks ?? []) {
      const host = t.Info?.['Host IP'] ?? '';
      const node = byAddr.get(host) ?? host;
      spread.set(node, [...(spread.get(node) ?? []), t.Name]);
    }
  return [...spread].map(([node, endpoints]) => ({ node, endpoints: endpoints.sort() })).sort((a, b) => a.node.localeCompare(b.node));
}
