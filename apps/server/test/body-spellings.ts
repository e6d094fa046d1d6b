/**
 * Spellings of Engine API body fields that the engine (Go's encoding/json) reads as the field:
 * lower, upper and mixed case, and the Unicode characters that fold to ASCII letters (ſ U+017F to
 * s, K U+212A to k). Used to prove that a refused field is refused however it is spelled.
 */

/** Every spelling of `name` the engine matches to it, the exact one first. */
export function spellingsOf(name: string): string[] {
  const swapped = [...name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  const all = [
    name,
    name.toLowerCase(),
    name.toUpperCase(),
    swapped,
    name.replace(/s/g, '\u017f'),
    name.replace(/S/g, '\u017f'),
    name.replace(/k/gi, '\u212a'),
    name.toLowerCase().replace(/s/g, '\u017f').replace(/k/g, '\u212a'),
  ];
  return [...new Set(all)];
}

/** One refused setting: the path of struct fields to it and its value. */
export interface RefusedField {
  path: string[];
  value: unknown;
}

/** `{"a":{"b":value}}` for the path `[a, b]` spelled as given. */
function nested(path: string[], value: unknown): string {
  return path.reduceRight((inner, key) => `{${JSON.stringify(key)}:${inner}}`, JSON.stringify(value));
}

/** A body with `extra` (JSON members text) beside the spelled path: `{"Image":…, <path>}`. */
function withBase(base: Record<string, unknown>, members: string): string {
  const head = JSON.stringify(base).slice(1, -1);
  return `{${head}${head && members ? ',' : ''}${members}}`;
}

/**
 * Bodies that carry the refused setting in a form the engine reads: every spelling of every path
 * segment, one at a time (the last segment in every spelling, each earlier one in every spelling
 * with the rest exact); the first segment repeated (the exact key twice — Go merges, JSON.parse
 * keeps the last — and in two spellings, the setting in either). `base` is the rest of the body.
 */
export function refusedBodies(field: RefusedField, base: Record<string, unknown>): string[] {
  const out = new Set<string>();
  field.path.forEach((segment, i) => {
    for (const spelled of spellingsOf(segment)) {
      const path = field.path.map((s, j) => (j === i ? spelled : s));
      out.add(withBase(base, nested(path, field.value).slice(1, -1)));
    }
  });
  const [first, ...rest] = field.path as [string, ...string[]];
  const inner = rest.length ? nested(rest, field.value) : JSON.stringify(field.value);
  const harmless = rest.length ? '{}' : 'null';
  for (const other of spellingsOf(first)) {
    out.add(withBase(base, `${JSON.stringify(first)}:${inner},${JSON.stringify(other)}:${harmless}`));
    out.add(withBase(base, `${JSON.stringify(other)}:${harmless},${JSON.stringify(first)}:${inner}`));
    out.add(withBase(base, `${JSON.stringify(other)}:${inner},${JSON.stringify(first)}:${harmless}`));
  }
  return [...out];
}

const mount = (m: Record<string, unknown>) => [{ Target: '/h', ...m }];
const HOST_SETTINGS: Array<[field: string, value: unknown]> = [
  ['Privileged', true],
  ['NetworkMode', 'host'],
  ['PidMode', 'host'],
  ['PidMode', 'container:porthole-test-other'],
  ['IpcMode', 'host'],
  ['IpcMode', 'container:porthole-test-other'],
  ['UTSMode', 'host'],
  ['UsernsMode', 'host'],
  ['CgroupnsMode', 'host'],
  ['Cgroup', 'container:porthole-test-other'],
  ['Binds', ['/etc:/h']],
  ['Binds', ['/var/run/docker.sock:/var/run/docker.sock:ro']],
  ['Mounts', mount({ Type: 'bind', Source: '/etc' })],
  ['Mounts', mount({ type: 'bind', source: '/etc' })],
  ['Mounts', mount({ TYPE: 'bind', Source: '/etc' })],
  [
    'Mounts',
    mount({ Type: 'volume', Source: 'v', VolumeOptions: { DriverConfig: { Options: { type: 'none', o: 'bind', device: '/etc' } } } }),
  ],
  ['Mounts', mount({ Type: 'volume', Source: 'v', volumeoptions: { driverconfig: { options: { device: '/etc' } } } })],
  ['Mounts', mount({ Type: 'volume', Source: 'v', VolumeOptions: { DriverConfig: { Name: 'other' } } })],
  ['VolumeDriver', 'other'],
  ['VolumesFrom', ['porthole-test-other']],
  ['CapAdd', ['SYS_ADMIN']],
  ['CapAdd', ['ALL']],
  ['CapAdd', ['cap_sys_ptrace']],
  ['Devices', [{ PathOnHost: '/dev/mem', PathInContainer: '/dev/mem', CgroupPermissions: 'rwm' }]],
  ['DeviceRequests', [{ Count: -1, Capabilities: [['gpu']] }]],
  ['DeviceCgroupRules', ['a *:* rwm']],
  ['Sysctls', { 'net.ipv4.ip_forward': '1' }],
  ['SecurityOpt', ['seccomp=unconfined']],
  ['SecurityOpt', ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}']],
  ['SecurityOpt', ['apparmor=unconfined']],
  ['SecurityOpt', ['label=disable']],
  ['SecurityOpt', ['label:disable']],
  ['SecurityOpt', ['systempaths=unconfined']],
  ['MaskedPaths', []],
  ['ReadonlyPaths', []],
  ['CgroupParent', '/'],
  ['OomKillDisable', true],
  ['Runtime', 'io.containerd.runc.v1'],
  ['OomScoreAdj', -1000],
  ['OomScoreAdj', -1],
  ['LogConfig', { Type: 'syslog', Config: { 'syslog-address': 'tcp://127.0.0.1:1' } }],
  ['LogConfig', { Type: 'gelf', Config: { 'gelf-address': 'udp://127.0.0.1:1' } }],
  ['LogConfig', { Type: 'fluentd' }],
  ['LogConfig', { Type: 'json-file', Config: { 'syslog-address': 'tcp://127.0.0.1:1' } }],
  ['LogConfig', { type: 'SPLUNK', config: {} }],
];

/** What a non-admin may not set when creating a container: in `HostConfig`, and at the top level (engines ≤ v24 read it there). */
export const REFUSED_CONTAINER_FIELDS: RefusedField[] = [
  ...HOST_SETTINGS.map(([field, value]) => ({ path: ['HostConfig', field], value })),
  ...HOST_SETTINGS.map(([field, value]) => ({ path: [field], value })),
  { path: ['NetworkingConfig', 'EndpointsConfig'], value: { host: {} } },
];

export const REFUSED_EXEC_FIELDS: RefusedField[] = [{ path: ['Privileged'], value: true }];

export const REFUSED_VOLUME_FIELDS: RefusedField[] = [
  { path: ['DriverOpts'], value: { type: 'none', o: 'bind', device: '/etc' } },
  { path: ['Driver'], value: 'other' },
];

export const REFUSED_NETWORK_FIELDS: RefusedField[] = [
  { path: ['Driver'], value: 'macvlan' },
  { path: ['Driver'], value: 'ipvlan' },
  { path: ['Driver'], value: 'host' },
  { path: ['Options'], value: { parent: 'eth0' } },
  { path: ['Options'], value: { 'com.docker.network.bridge.name': 'docker0' } },
  { path: ['Options'], value: { 'com.docker.network.bridge.enable_icc': 'true', 'com.docker.network.bridge.name': 'br0' } },
  { path: ['Ingress'], value: true },
  { path: ['ConfigOnly'], value: true },
  { path: ['ConfigFrom', 'Network'], value: 'admins-macvlan' },
  { path: ['IPAM', 'Driver'], value: 'other' },
  { path: ['IPAM', 'Options'], value: { a: 'b' } },
  { path: ['IPAM', 'Config'], value: [{ Subnet: '192.0.2.200/30', Gateway: '192.0.2.201' }] },
];

export const REFUSED_UPDATE_FIELDS: RefusedField[] = [
  { path: ['Devices'], value: [{ PathOnHost: '/dev/mem', PathInContainer: '/dev/mem', CgroupPermissions: 'rwm' }] },
  { path: ['OomKillDisable'], value: true },
  { path: ['CgroupParent'], value: '/' },
];
