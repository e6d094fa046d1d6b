import type { ContainerSummary } from './containers.ts';
import { queryOptions } from '@tanstack/react-query';
import { docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';

export interface IpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface NetworkEndpoint {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

/** `GET /networks/{id}` (the list has the same shape, without Containers filled in). */
export interface Network {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv6: boolean;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  IPAM: { Driver: string; Options?: Record<string, string> | null; Config?: IpamConfig[] | null };
  Containers?: Record<string, NetworkEndpoint> | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

export const networkKeys = {
  all: (engine: string) => resourceKey(engine, 'networks'),
  list: (engine: string) => [...resourceKey(engine, 'networks'), 'list'] as const,
  detail: (engine: string, id: string) => [...resourceKey(engine, 'networks'), 'detail', id] as const,
  prunePreview: (engine: string) => [...resourceKey(engine, 'networks'), 'prune-preview'] as const,
};

export const networksQuery = (engine: string) =>
  queryOptions({ queryKey: networkKeys.list(engine), queryFn: () => docker<Network[]>(engine, '/networks') });

export const networkQuery = (engine: string, id: string) =>
  queryOptions({ queryKey: networkKeys.detail(engine, id), queryFn: () => docker<Network>(engine, `/networks/${encodeURIComponent(id)}`) });

/** An overlay created with `--opt encrypted`: its traffic between nodes goes through IPsec. */
export const isEncryptedOverlay = (n: Network) => n.Driver === 'overlay' && n.Options?.encrypted !== undefined;

/** What `docker network prune` would remove: custom networks no container uses. */
export function unusedNetworks(networks: Network[], containers: ContainerSummary[]): Network[] {
  const used = new Set(containers.flatMap((c) => Object.values(c.NetworkSettings.Networks ?? {}).map((n) => n.NetworkID)));
  return networks.filter((n) => !['bridge', 'host', 'none'].includes(n.Name) && !n.Ingress && !used.has(n.Id));
}

export interface NetworkCreateBody {
  Name: string;
  Driver: string;
  Internal: boolean;
  Attachable: boolean;
  EnableIPv6: boolean;
  CheckDuplicate: boolean;
  IPAM?: { Driver: string; Config: IpamConfig[] };
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

export const createNetwork = (engine: string, body: NetworkCreateBody) =>
  docker<{ Id: string; Warning?: string }>(engine, '/networks/create', {
    method: 'POST',
    body: body as unknown as Record<string, unknown>,
  });

export const removeNetwork = (engine: string, id: string) =>
  docker<void>(engine, `/networks/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const connectNetwork = (engine: string, network: string, container: string, aliases: string[], ipv4?: string) =>
  docker<void>(engine, `/networks/${encodeURIComponent(network)}/connect`, {
    method: 'POST',
    body: {
      Container: container,
      EndpointConfig: { Aliases: aliases.length ? aliases : undefined, IPAMConfig: ipv4 ? { IPv4Address: ipv4 } : undefined },
    },
  });

export const disconnectNetwork = (engine: string, network: string, container: string, force: boolean) =>
  docker<void>(engine, `/networks/${encodeURIComponent(network)}/disconnect`, {
    method: 'POST',
    body: { Container: container, Force: force },
  });

export const pruneNetworks = (engine: string, labelFilter?: string) =>
  docker<{ NetworksDeleted: string[] | null }>(engine, '/networks/prune', {
    method: 'POST',
    query: labelFilter ? { filters: JSON.stringify({ label: [labelFilter] }) } : undefined,
  });

/** The `docker network create` command a create body stands for. */
export function networkCreateCommand(b: NetworkCreateBody): string {
  const args = ['docker network create'];
  if (b.Driver !== 'bridge') args.push(`--driver ${b.Driver}`);
  for (const c of b.IPAM?.Config ?? []) {
    if (c.Subnet) args.push(`--subnet ${c.Subnet}`);
    if (c.IPRange) args.push(`--ip-range ${c.IPRange}`);
    if (c.Gateway) args.push(`--gateway ${c.Gateway}`);
  }
  if (b.Internal) args.push('--internal');
  if (b.Attachable) args.push('--attachable');
  if (b.EnableIPv6) args.push('--ipv6');
  for (const [k, v] of Object.entries(b.Options)) args.push(`--opt ${v ? `${k}=${v}` : k}`);
  for (const [k, v] of Object.entries(b.Labels)) args.push(`--label ${v ? `${k}=${v}` : k}`);
  args.push(b.Name || '<name>');
  return args.join(' \\\n  ');
}
