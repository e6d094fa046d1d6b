/**
 * IP/CIDR arithmetic for network create validation (ip-range and gateway inside the subnet,
 * overlap with existing networks), shared by the create form and the server. IPv4 and IPv6,
 * with addresses held as bigint. Plain code and types only; the doctor's schemas are in
 * `schemas/networks.ts`.
 */
export interface Cidr {
  family: 4 | 6;
  /** First address of the block (host bits cleared). */
  network: bigint;
  prefix: number;
  text: string;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return undefined;
  let groups: string[];
  const tailV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  let text = s;
  if (tailV4) {
    const v4 = parseV4(tailV4[1] as string);
    if (v4 === undefined) return undefined;
    text = `${s.slice(0, -tailV4[0].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  if (text.includes('::')) {
    const [head, tail] = text.split('::') as [string, string];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    if (h.length + t.length > 7) return undefined;
    groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  } else {
    groups = text.split(':');
  }
  if (groups.length !== 8) return undefined;
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

export function parseIp(s: string): { family: 4 | 6; value: bigint } | undefined {
  const t = s.trim();
  const v4 = parseV4(t);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = t.includes(':') ? parseV6(t) : undefined;
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** Parses `a.b.c.d/n` (or IPv6); host bits must be zero, as the engine requires for subnets. */
export function parseCidr(s: string, opts: { strict?: boolean } = {}): Cidr | string {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(s.trim());
  if (!m) return 'Use CIDR notation, e.g. 172.30.1.0/24';
  const ip = parseIp(m[1] as string);
  if (!ip) return `"${m[1]}" is not an IP address`;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(m[2]);
  if (prefix > bits) return `The prefix length must be at most ${bits}`;
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
  const network = ip.value & mask;
  if (opts.strict && network !== ip.value) return `Host bits are set: did you mean ${formatIp(ip.family, network)}/${prefix}?`;
  return { family: ip.family, network, prefix, text: s.trim() };
}

export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((value >> sh) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

function lastAddress(c: Cidr): bigint {
  const bits = c.family === 4 ? 32 : 128;
  return c.network + (1n << BigInt(bits - c.prefix)) - 1n;
}

/** Whether `inner` (a block) lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    inner.network >= outer.network &&
    lastAddress(inner) <= lastAddress(outer)
  );
}

export function ipInCidr(outer: Cidr, ip: string): boolean {
  const p = parseIp(ip);
  return !!p && p.family === outer.family && p.value >= outer.network && p.value <= lastAddress(outer);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** An existing network as far as overlap checking needs it. */
export interface ExistingNetwork {
  name: string;
  subnets: string[];
}

export interface NetworkAddressing {
  subnet?: string;
  ipRange?: string;
  gateway?: string;
}

/** Field errors of a network's addressing, keyed by field; empty when everything is valid. */
export function validateNetworkAddressing(
  input: NetworkAddressing,
  existing: ExistingNetwork[] = [],
): Partial<Record<keyof NetworkAddressing, string>> {
  const errors: Partial<Record<keyof NetworkAddressing, string>> = {};
  const subnetText = input.subnet?.trim();
  const ipRangeText = input.ipRange?.trim();
  const gatewayText = input.gateway?.trim();
  if (!subnetText) {
    if (ipRangeText) errors.ipRange = 'An IP range needs a subnet';
    if (gatewayText) errors.gateway = 'A gateway needs a subnet';
    return errors;
  }
  const subnet = parseCidr(subnetText, { strict: true });
  if (typeof subnet === 'string') {
    errors.subnet = subnet;
    return errors;
  }
  for (const other of existing) {
    const clash = other.subnets.find((s) => {
      const c = parseCidr(s);
      return typeof c !== 'string' && cidrsOverlap(c, subnet);
    });
    if (clash) {
      errors.subnet = `Overlaps ${clash} of network "${other.name}"`;
      break;
    }
  }
  if (ipRangeText) {
    const range = parseCidr(ipRangeText);
    if (typeof range === 'string') errors.ipRange = range;
    else if (!cidrContains(subnet, range)) errors.ipRange = `The IP range must lie inside the subnet ${subnetText}`;
  }
  if (gatewayText) {
    const gw = parseIp(gatewayText);
    if (!gw) errors.gateway = `"${gatewayText}" is not an IP address`;
    else if (!ipInCidr(subnet, gatewayText)) errors.gateway = `The gateway must lie inside the subnet ${subnetText}`;
  }
  return errors;
}

/** The built-in networks of a Docker engine: marked in the UI and never removable. */
export const BUILTIN_NETWORKS = ['bridge', 'host', 'none'] as const;
export const isBuiltinNetwork = (name: string) => (BUILTIN_NETWORKS as readonly string[]).includes(name);

/** Connectivity doctor: `POST /api/engines/:engine/containers/:id/doctor` (a JSON body: a plain object type). */
export type DoctorRequest = {
  target: string;
  port?: number;
};

export interface DoctorStep {
  ok: boolean;
  skipped?: boolean;
  tool?: string;
  command?: string;
  output?: string;
}

export interface DoctorResult {
  source: string;
  target: string;
  port?: number;
  resolve: DoctorStep;
  address?: string;
  connect?: DoctorStep;
  ok: boolean;
  /** Why it failed (or a caveat when it worked), each a sentence. */
  reasons: { code: string; message: string }[];
  commonNetworks: string[];
}
