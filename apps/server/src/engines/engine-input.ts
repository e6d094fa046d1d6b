import crypto from 'node:crypto';
import type { EngineCreate, EngineInfo, EngineUpdate } from '@porthole/shared/engines';
import { PLAIN_TCP_WARNING } from '@porthole/shared/engines';
import { parseEngineHost } from '../docker/engine-transport.ts';
import { ApiError } from '../http/api-error.ts';
import type { EngineRecord } from './engine-store.ts';

/** Colours given to engines that were not given one, in turn. */
const PALETTE = ['#228be6', '#40c057', '#fab005', '#be4bdb', '#fd7e14', '#15aabf', '#e64980', '#82c91e'];

/** `Build box #2` → `build-box-2` (what URLs use). */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'engine';
}

export function recordFromCreate(input: EngineCreate, taken: number): EngineRecord {
  const rec: EngineRecord = {
    id: input.id ?? slugOf(input.name),
    name: input.name.trim(),
    colour: input.colour ?? (PALETTE[taken % PALETTE.length] as string),
    host: input.host.trim(),
    allowInsecureTcp: input.allowInsecureTcp ?? false,
  };
  if (input.tls) rec.tls = { ca: input.tls.ca, cert: input.tls.cert, key: input.tls.key, verify: input.tls.verify ?? true };
  if (input.ssh) rec.ssh = { privateKey: input.ssh.privateKey, knownHosts: input.ssh.knownHosts };
  checkRecord(rec);
  return rec;
}

/** The record after a PATCH: omitted fields (and omitted keys) stay; `tls: null` drops TLS. */
export function recordWithUpdate(rec: EngineRecord, patch: EngineUpdate): EngineRecord {
  const next: EngineRecord = {
    ...rec,
    name: patch.name?.trim() ?? rec.name,
    colour: patch.colour ?? rec.colour,
    host: patch.host?.trim() ?? rec.host,
    allowInsecureTcp: patch.allowInsecureTcp ?? rec.allowInsecureTcp,
  };
  if (patch.tls === null) delete next.tls;
  else if (patch.tls) {
    const old = rec.tls;
    next.tls = {
      ca: patch.tls.ca ?? old?.ca,
      cert: patch.tls.cert ?? old?.cert,
      key: patch.tls.key ?? old?.key,
      verify: patch.tls.verify ?? old?.verify ?? true,
    };
  }
  if (patch.ssh)
    next.ssh = { privateKey: patch.ssh.privateKey ?? rec.ssh?.privateKey, knownHosts: patch.ssh.knownHosts ?? rec.ssh?.knownHosts };
  if (!next.host.startsWith('ssh://')) delete next.ssh;
  checkRecord(next);
  return next;
}

/** Refuses (400, readably) what cannot work or is unsafe without saying so. */
export function checkRecord(rec: EngineRecord): void {
  let kind: string;
  try {
    kind = parseEngineHost(rec.host).kind;
  } catch (err) {
    throw new ApiError(400, (err as Error).message);
  }
  if (rec.tls && kind !== 'tcp') throw new ApiError(400, 'TLS settings need a tcp:// host');
  if (kind === 'tcp' && !rec.tls && !rec.allowInsecureTcp) {
    throw new ApiError(400, `A tcp:// engine needs TLS (ca, cert, key), or allowInsecureTcp: true. ${PLAIN_TCP_WARNING}`);
  }
  if (rec.ssh && kind !== 'ssh') throw new ApiError(400, 'ssh settings need an ssh:// host');
  if (kind === 'ssh' && !rec.ssh?.privateKey) throw new ApiError(400, 'An ssh:// engine needs ssh.privateKey (key authentication)');
  if (rec.ssh?.privateKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(rec.ssh.privateKey)) {
    throw new ApiError(400, 'ssh.privateKey is not a PEM/OpenSSH private key');
  }
  if (rec.ssh?.privateKey && /ENCRYPTED/.test(rec.ssh.privateKey)) throw new ApiError(400, 'ssh.privateKey must not need a passphrase');
  if (rec.tls) checkTls(rec.tls);
}

function checkTls(t: NonNullable<EngineRecord['tls']>): void {
  const pem = (what: string, value: string | undefined, parse: (v: string) => unknown) => {
    if (!value) return;
    try {
      parse(value);
    } catch {
      throw new ApiError(400, `tls.${what} is not a valid PEM ${what === 'key' ? 'private key' : 'certificate'}`);
    }
  };
  pem('ca', t.ca, (v) => new crypto.X509Certificate(v));
  pem('cert', t.cert, (v) => new crypto.X509Certificate(v));
  pem('key', t.key, (v) => crypto.createPrivateKey(v));
  if (Boolean(t.cert) !== Boolean(t.key)) throw new ApiError(400, 'tls.cert and tls.key go together (a client certificate and its key)');
  if (t.verify && !t.ca) throw new ApiError(400, 'tls.ca is needed to verify the engine (or set tls.verify: false)');
}

/** What the API says about a record: no key ever, only that there is one. */
export function describeRecord(
  rec: EngineRecord,
): Pick<EngineInfo, 'id' | 'name' | 'colour' | 'host' | 'tls' | 'ssh' | 'allowInsecureTcp' | 'warning'> {
  const plainTcp = rec.host.startsWith('tcp://') && !rec.tls;
  return {
    id: rec.id,
    name: rec.name,
    colour: rec.colour,
    host: rec.host,
    ...(rec.tls
      ? { tls: { ca: Boolean(rec.tls.ca), cert: Boolean(rec.tls.cert), hasKey: Boolean(rec.tls.key), verify: rec.tls.verify } }
      : {}),
    ...(rec.ssh ? { ssh: { hasKey: Boolean(rec.ssh.privateKey), knownHosts: Boolean(rec.ssh.knownHosts) } } : {}),
    allowInsecureTcp: rec.allowInsecureTcp,
    ...(plainTcp ? { warning: PLAIN_TCP_WARNING } : {}),
  };
}
