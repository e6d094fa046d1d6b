import { describe, expect, it } from 'vitest';
import {
  REFUSED_CONTAINER_FIELDS,
  REFUSED_EXEC_FIELDS,
  REFUSED_NETWORK_FIELDS,
  REFUSED_UPDATE_FIELDS,
  REFUSED_VOLUME_FIELDS,
  type RefusedField,
  refusedBodies,
  spellingsOf,
} from '../../test/body-spellings.ts';
import { ApiError } from '../http/api-error.ts';
import { type CheckedBodyKind, checkBody } from './engine-body-policy.ts';

const IMAGE = { Image: 'x' };

/** 'refused' (403), 'invalid' (400) or the body the engine would get. */
function outcome(kind: CheckedBodyKind, text: string): string {
  try {
    const checked = checkBody(kind, Buffer.from(text));
    return checked.problems.length ? 'refused' : checked.body.toString();
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return 'invalid';
    throw err;
  }
}

function expectAllRefused(kind: CheckedBodyKind, fields: RefusedField[], base: Record<string, unknown>): number {
  let n = 0;
  for (const field of fields) {
    for (const body of refusedBodies(field, base)) {
      expect(['refused', 'invalid'], body).toContain(outcome(kind, body));
      n++;
    }
  }
  return n;
}

describe('body checks read keys as the engine does', () => {
  it('spells each field the ways Go matches it', () => {
    expect(spellingsOf('HostConfig')).toEqual(
      expect.arrayContaining(['HostConfig', 'hostconfig', 'HOSTCONFIG', 'hOSTcONFIG', 'Ho\u017ftConfig', 'ho\u017ftconfig']),
    );
    expect(spellingsOf('DeviceCgroupRules')).toEqual(expect.arrayContaining(['devicecgroupruleſ', 'DEVICECGROUPRULES']));
  });

  it('refuses every spelling, repetition and placement of every refused container setting', () => {
    expect(expectAllRefused('container.create', REFUSED_CONTAINER_FIELDS, IMAGE)).toBeGreaterThan(1000);
  });

  it('refuses every spelling of privileged exec, volume driver options and device updates', () => {
    expectAllRefused('exec.create', REFUSED_EXEC_FIELDS, { Cmd: ['id'] });
    expectAllRefused('volume.create', REFUSED_VOLUME_FIELDS, { Name: 'v' });
    expectAllRefused('container.update', REFUSED_UPDATE_FIELDS, { Memory: 1 << 20 });
  });

  it('refuses every spelling of network drivers and options that reach the host, and allows contained networks', () => {
    expect(expectAllRefused('network.create', REFUSED_NETWORK_FIELDS, { Name: 'n' })).toBeGreaterThan(100);
    for (const body of [
      { Name: 'n' },
      { Name: 'n', Driver: 'bridge', Internal: true, Attachable: true, EnableIPv6: false, Labels: { a: 'b' } },
      { Name: 'n', Driver: 'overlay', Options: { encrypted: '' }, IPAM: { Driver: 'default', Config: [] } },
      { Name: 'n', Options: { 'com.docker.network.driver.mtu': '1400', 'com.docker.network.bridge.enable_icc': 'false' } },
    ])
      expect(outcome('network.create', JSON.stringify(body)), JSON.stringify(body)).not.toMatch(/^(refused|invalid)$/);
  });

  it('allows local logging with rotation options and a raised OOM score', () => {
    for (const host of [
      { LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } } },
      { LogConfig: { Type: 'local', Config: {} } },
      { LogConfig: { Type: '', Config: null } },
      { OomScoreAdj: 500 },
      { OomScoreAdj: 0 },
    ])
      expect(outcome('container.create', JSON.stringify({ Image: 'x', HostConfig: host })), JSON.stringify(host)).not.toMatch(
        /^(refused|invalid)$/,
      );
  });

  it('names the refused settings readably', () => {
    const why = (host: Record<string, unknown>) =>
      checkBody('container.create', Buffer.from(JSON.stringify({ hostconfig: host }))).problems.join('; ');
    expect(why({ privileged: true })).toMatch(/privileged/);
    expect(why({ pidmode: 'container:abc' })).toMatch(/another container's pid namespace/);
    expect(why({ binds: ['/:/host'] })).toMatch(/host paths \(\/\)/);
    expect(why({ capadd: ['SYS_ADMIN', 'chown'] })).toBe('add capabilities (SYS_ADMIN)');
    expect(why({ securityopt: ['seccomp=unconfined'] })).toMatch(/security profiles \(seccomp=unconfined\)/);
    expect(outcome('container.create', '{"HostConfig":{"Privileged":true},"HostConfig":{}}')).toBe('invalid');
    expect(() => checkBody('container.create', Buffer.from('{"hostconfig":{},"HostConfig":{}}'))).toThrow(/"HostConfig" twice/);
  });

  it('forwards ordinary bodies with the canonical field names, numbers as written, map keys as they are', () => {
    const body = `{"image":"x","LABELS":{"Porthole.Test":"1","porthole.test":"2"},"hostconfig":{"memory":9223372036854775807,
      "binds":["data:/data","cache:/cache:ro","/anonymous"],"Mounts":[{"type":"volume","source":"v","target":"/v"},{"Type":"tmpfs","Target":"/t"}],
      "capadd":["NET_BIND_SERVICE","CAP_CHOWN"],"CapDrop":["ALL"],"networkmode":"container:sidecar","SecurityOpt":["no-new-privileges:true"],
      "Unknown":1,"__proto__":{"x":1}},"NetworkingConfig":{"EndpointsConfig":{"my-net":{"Aliases":["a"]}}}}`;
    expect(JSON.parse(outcome('container.create', body))).toMatchObject({
      Image: 'x',
      Labels: { 'Porthole.Test': '1', 'porthole.test': '2' },
      HostConfig: { Binds: ['data:/data', 'cache:/cache:ro', '/anonymous'], CapAdd: ['NET_BIND_SERVICE', 'CAP_CHOWN'], Unknown: 1 },
    });
    expect(outcome('container.create', body)).toContain('"Memory":9223372036854775807');
    expect(outcome('container.create', body)).toContain('"__proto__":{"x":1}');
    expect(outcome('exec.create', '{"cmd":["id"],"privileged":false}')).toBe('{"Cmd":["id"],"Privileged":false}');
    expect(outcome('volume.create', '{"name":"v","labels":{"a":"b"}}')).toBe('{"Name":"v","Labels":{"a":"b"}}');
    expect(checkBody('exec.create', Buffer.alloc(0)).body.length).toBe(0);
  });

  it('answers 400 for bodies that are not one JSON object', () => {
    for (const text of ['{', '[1]', '"x"', '{"a":1} {"b":2}', "{'a':1}", '{"a":1,}'])
      expect(outcome('container.create', text), text).toBe('invalid');
  });
});
