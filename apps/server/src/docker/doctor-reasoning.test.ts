import { describe, expect, it } from 'vitest';
import { type DoctorContainer, diagnose, parseResolvedAddress } from './doctor-reasoning.ts';

const net = (name: string, internal = false, aliases: string[] = []) => ({ id: `id-${name}`, name, internal, aliases });
const app: DoctorContainer = { name: 'app', running: true, networks: [net('frontend'), net('backend', true, ['api'])] };
const web: DoctorContainer = { name: 'web', running: true, networks: [net('frontend')] };
const database: DoctorContainer = { name: 'database', running: true, networks: [net('backend', true)] };
const tools = ['nslookup', 'nc', 'wget'];
const lookup = (exitCode: number, output: string) => ({ tool: 'nslookup', exitCode, output });
const nc = (exitCode: number, output = '') => ({ tool: 'nc', exitCode, output });
/** A diagnosis from `source` of `target:port` (with the usual tools in the image) given what the probes printed. */
const check = (
  source: DoctorContainer,
  target: string,
  port: number,
  targetContainers: DoctorContainer[],
  probes: Pick<Parameters<typeof diagnose>[0], 'resolve' | 'connect'>,
) => diagnose({ source, target, port, targetContainers, tools, ...probes });

describe('parseResolvedAddress', () => {
  it('reads getent and busybox nslookup output', () => {
    expect(parseResolvedAddress('getent', '172.30.1.2      database\n')).toBe('172.30.1.2');
    expect(
      parseResolvedAddress(
        'nslookup',
        'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tdatabase\nAddress: 172.30.1.130\n',
      ),
    ).toBe('172.30.1.130');
    expect(
      parseResolvedAddress('nslookup', "Server: 127.0.0.11\nAddress: 127.0.0.11:53\n** server can't find database: NXDOMAIN"),
    ).toBeUndefined();
  });
});

describe('diagnose', () => {
  it('from app, database resolves and connects over the common backend network', () => {
    const r = check(app, 'database', 5432, [database], { resolve: lookup(0, 'Name:\tdatabase\nAddress: 172.30.1.130\n'), connect: nc(0) });
    expect(r).toMatchObject({ ok: true, address: '172.30.1.130', commonNetworks: ['backend'], reasons: [] });
  });

  it('from web, database does not resolve because they share no network (from inspect data)', () => {
    const r = diagnose({
      source: web,
      target: 'database',
      targetContainers: [database],
      tools,
      resolve: { tool: 'nslookup', exitCode: 1, output: "** server can't find database: NXDOMAIN" },
    });
    expect(r.ok).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual(['no-common-network']);
    expect(r.reasons[0]?.message).toContain('web and database share no network');
    expect(r.reasons[0]?.message).toContain('docker network connect backend web');
  });

  it('names a port nobody listens on (connection refused in the output)', () => {
    const refused = "nc: can't connect to remote host (172.30.1.129): Connection refused";
    const r = check(app, 'api', 9999, [app], { resolve: lookup(0, 'Name: api\nAddress: 172.30.1.129'), connect: nc(1, refused) });
    expect(r.reasons.map((x) => x.code)).toEqual(['port-not-listening']);
  });

  it('an outside host from a container only on internal networks: network internal', () => {
    const r = check(database, 'example.com', 443, [], { resolve: lookup(1, 'NXDOMAIN') });
    expect(r.reasons.map((x) => x.code)).toEqual(['network-internal']);
  });

  it('no tool in the image', () => {
    const r = diagnose({ source: web, target: 'database', port: 5432, targetContainers: [database], tools: [] });
    expect(r.reasons.map((x) => x.code)).toEqual(['no-resolve-tool', 'no-connect-tool', 'no-common-network']);
  });

  it('a stopped source cannot run checks', () => {
    const r = diagnose({ source: { ...web, running: false }, target: 'web', targetContainers: [], tools: [] });
    expect(r.reasons[0]?.code).toBe('source-not-running');
    expect(r.ok).toBe(false);
  });
});
