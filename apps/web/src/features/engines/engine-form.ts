import type { EngineCreate, EngineInfo, EngineUpdate } from '@porthole/shared/engines';

/** What the add/edit form holds. Keys are write-only: empty means "keep the stored one" when editing. */
export interface EngineFormValues {
  name: string;
  colour: string;
  host: string;
  tlsOn: boolean;
  ca: string;
  cert: string;
  key: string;
  verify: boolean;
  allowInsecureTcp: boolean;
  privateKey: string;
  knownHosts: string;
}

export type HostKind = 'unix' | 'tcp' | 'ssh' | 'invalid';

export function hostKind(host: string): HostKind {
  if (/^unix:\/\/\/.+/.test(host)) return 'unix';
  if (/^tcp:\/\/[^/:]+:\d+\/?$/.test(host)) return 'tcp';
  if (/^ssh:\/\/[^@/]+@[^/:]+(:\d+)?\/?$/.test(host)) return 'ssh';
  return 'invalid';
}

export const HOST_HINT = 'unix:///path/to/docker.sock, tcp://host:port or ssh://user@host[:port]';

export function emptyForm(existing?: EngineInfo): EngineFormValues {
  return {
    name: existing?.name ?? '',
    colour: existing?.colour ?? '#228be6',
    host: existing?.host ?? '',
    tlsOn: existing ? !!existing.tls : true,
    ca: '',
    cert: '',
    key: '',
    verify: existing?.tls?.verify ?? true,
    allowInsecureTcp: existing?.allowInsecureTcp ?? false,
    privateKey: '',
    knownHosts: '',
  };
}

/** Why the form cannot be saved yet, or undefined. */
export function formProblem(v: EngineFormValues, existing?: EngineInfo): string | undefined {
  if (!v.name.trim()) return 'Give the engine a name';
  const kind = hostKind(v.host.trim());
  if (kind === 'invalid') return `Host must be ${HOST_HINT}`;
  if (kind === 'tcp' && !v.tlsOn && !v.allowInsecureTcp) return 'Plain tcp:// needs TLS, or "allow plain TCP" ticked';
  if (kind === 'tcp' && v.tlsOn && !existing?.tls && (!v.cert.trim() || !v.key.trim()))
    return 'TLS needs a client certificate and key (and the CA to verify the engine)';
  if (kind === 'ssh' && !v.privateKey.trim() && !existing?.ssh?.hasKey) return 'ssh:// needs a private key';
  return undefined;
}

const nonEmpty = (s: string) => (s.trim() ? s : undefined);

function tlsOf(v: EngineFormValues) {
  return { ca: nonEmpty(v.ca), cert: nonEmpty(v.cert), key: nonEmpty(v.key), verify: v.verify };
}

const sshOf = (v: EngineFormValues) => ({ privateKey: nonEmpty(v.privateKey), knownHosts: nonEmpty(v.knownHosts) });

/** What both bodies carry whatever the transport (name, host, colour), and the host's kind. */
function common(v: EngineFormValues) {
  const host = v.host.trim();
  return { kind: hostKind(host), fields: { name: v.name.trim(), host, colour: v.colour } };
}

/** The POST body for a new engine. */
export function toCreate(v: EngineFormValues): EngineCreate {
  const { kind, fields } = common(v);
  return {
    ...fields,
    ...(kind === 'tcp' && v.tlsOn ? { tls: tlsOf(v) } : {}),
    ...(kind === 'tcp' && !v.tlsOn ? { allowInsecureTcp: v.allowInsecureTcp } : {}),
    ...(kind === 'ssh' ? { ssh: sshOf(v) } : {}),
  };
}

/** The PATCH body: empty key fields keep the stored keys. */
export function toUpdate(v: EngineFormValues): EngineUpdate {
  const { kind, fields } = common(v);
  return {
    ...fields,
    tls: kind === 'tcp' && v.tlsOn ? tlsOf(v) : null,
    allowInsecureTcp: kind === 'tcp' && !v.tlsOn && v.allowInsecureTcp,
    ...(kind === 'ssh' && (v.privateKey.trim() || v.knownHosts.trim()) ? { ssh: sshOf(v) } : {}),
  };
}

const slug = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'engine';

/** The `docker context create` that stands for this engine (certificates as files in ~/.docker/porthole/<name>). */
export function contextCommand(v: EngineFormValues): string {
  const host = v.host.trim() || 'HOST';
  const name = slug(v.name);
  const tls = hostKind(host) === 'tcp' && v.tlsOn;
  const dir = `~/.docker/porthole/${name}`;
  const docker = tls
    ? `host=${host},ca=${dir}/ca.pem,cert=${dir}/cert.pem,key=${dir}/key.pem${v.verify ? '' : ',skip-tls-verify=true'}`
    : `host=${host}`;
  return `docker context create ${name} --docker "${docker}"`;
}
