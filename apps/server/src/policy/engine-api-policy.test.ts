import { describe, expect, it } from 'vitest';
import { classifyEngineCall } from './engine-api-policy.ts';

describe('classifyEngineCall', () => {
  const cases: Array<[string, string, string, string]> = [
    ['GET', '/v1.41/containers/json?all=1', 'container.list', 'viewer'],
    ['GET', '/containers/abc/json', 'container.inspect', 'viewer'],
    ['GET', '/v1.41/containers/abc/logs?follow=1', 'container.logs', 'viewer'],
    ['GET', '/images/127.0.0.1:5000/team/app:1/json', 'image.inspect', 'viewer'],
    ['HEAD', '/_ping', 'engine.ping', 'viewer'],
    ['POST', '/v1.41/containers/abc/restart?t=1', 'container.restart', 'operator'],
    ['POST', '/containers/abc/exec', 'container.exec', 'operator'],
    ['POST', '/exec/e1/start', 'container.exec', 'operator'],
    ['PUT', '/containers/abc/archive?path=/tmp', 'container.files.write', 'operator'],
    ['GET', '/containers/abc/archive?path=/etc', 'container.files.read', 'operator'],
    ['HEAD', '/containers/abc/archive?path=/etc', 'container.files.stat', 'viewer'],
    ['DELETE', '/containers/abc?force=1', 'container.remove', 'operator'],
    ['POST', '/images/create?fromImage=busybox', 'image.pull', 'operator'],
    ['DELETE', '/images/busybox:latest', 'image.remove', 'admin'],
    ['POST', '/v1.41/build?t=x', 'image.build', 'admin'],
    ['POST', '/session', 'image.build', 'admin'],
    ['POST', '/volumes/prune', 'prune', 'admin'],
    ['POST', '/containers/prune', 'prune', 'admin'],
    ['DELETE', '/volumes/data', 'volume.remove', 'admin'],
    ['DELETE', '/networks/n1', 'network.remove', 'admin'],
    ['GET', '/swarm', 'swarm.inspect', 'admin'],
    ['POST', '/swarm/init', 'swarm.manage', 'admin'],
    ['GET', '/images/get?names=x', 'image.save', 'admin'],
    ['POST', '/something/new', 'engine.other', 'admin'],
    ['PATCH', '/containers/abc/json', 'engine.other', 'admin'],
  ];
  it.each(cases)('%s %s → %s (%s)', (method, path, action, role) => {
    expect(classifyEngineCall(method, path)).toMatchObject({ action, role });
  });

  it('names the target and decodes it', () => {
    expect(classifyEngineCall('POST', '/v1.41/containers/my%2Dapp/stop').target).toBe('my-app');
    expect(classifyEngineCall('GET', '/images/team/app:1/json').target).toBe('team/app:1');
  });

  it('classifies the path the engine routes: encoded slashes and dot segments do not disguise a call', () => {
    expect(classifyEngineCall('POST', '/v1.41/containers/create%2F..%2Fx/start').role).toBe('admin');
    // The engine routes it as a create: so is it classified (its body is checked).
    expect(classifyEngineCall('POST', '/containers%2Fcreate')).toMatchObject({
      action: 'container.create',
      inspectBody: 'container.create',
    });
    expect(classifyEngineCall('GET', '/images/team%2Fapp/json')).toMatchObject({ action: 'image.inspect', target: 'team/app' });
    expect(classifyEngineCall('POST', '/containers/%E0%A4%A/start').role).toBe('admin');
  });

  it("reads the query as the engine does: a create without fromImage is an import, ps options are not a viewer's", () => {
    const role = (method: string, path: string) => classifyEngineCall(method, path).role;
    // Pulls (operator) only with a non-empty first fromImage; everything else there imports (admin).
    for (const q of ['fromImage=busybox', 'fromImage=busybox&fromSrc=http://127.0.0.1:1/x', 'from%49mage=busybox', 'fromImage=a+b'])
      expect(role('POST', `/v1.41/images/create?${q}`), q).toBe('operator');
    for (const q of [
      '',
      'fromSrc=http://127.0.0.1:1/x',
      'fromSrc=-',
      'fromImage=',
      'fromImage=&fromImage=busybox',
      'fromimage=busybox',
      'FROMIMAGE=x&fromSrc=-',
    ])
      expect(classifyEngineCall('POST', `/images/create?${q}`), q).toMatchObject({ action: 'image.import', role: 'admin' });
    expect(classifyEngineCall('POST', '/images/create')).toMatchObject({ action: 'image.import', role: 'admin' });
    // docker top's ps options: a viewer gets the engine's default (-ef) only.
    for (const q of ['', '?ps_args=', '?other=eww', '?PS_ARGS=eww']) expect(role('GET', `/containers/c/top${q}`), q).toBe('viewer');
    for (const q of ['?ps_args=eww', '?ps%5Fargs=e', '?ps_args=aux&ps_args=', '?x=1&ps_args=-ef'])
      expect(role('GET', `/containers/c/top${q}`), q).toBe('operator');
    expect(classifyEngineCall('POST', '/images/busybox/tag?repo=nginx&tag=latest')).toMatchObject({ action: 'image.tag', role: 'admin' });
    expect(classifyEngineCall('GET', '/exec/e1/json')).toMatchObject({ action: 'exec.inspect', role: 'operator' });
    expect(classifyEngineCall('POST', '/networks/create')).toMatchObject({ role: 'operator', inspectBody: 'network.create' });
  });

  it('refuses Engine API versions before 1.24 to non-admins, however the version is written', () => {
    for (const v of ['v1.23', 'v1.12', 'v1.0', 'v1.023', 'v01.23', 'v1.23.9', 'v0.99', 'v1']) {
      expect(classifyEngineCall('POST', `/${v}/containers/x/start`), v).toMatchObject({ action: 'engine.old-api', role: 'admin' });
      expect(classifyEngineCall('GET', `/${v}/containers/json`).role, v).toBe('admin');
    }
    expect(classifyEngineCall('POST', '/v1%2E23/containers/x/start').role).toBe('admin');
    for (const v of ['v1.24', 'v1.41', 'v1.47', 'v2.0'])
      expect(classifyEngineCall('POST', `/${v}/containers/x/start`).role, v).toBe('operator');
  });

  it("the calls that make the engine connect to a registry are an operator's, so are plugins and log details", () => {
    for (const p of ['/distribution/127.0.0.1:9/x/json', '/images/search?term=127.0.0.1:9/probe', '/plugins'])
      expect(classifyEngineCall('GET', p).role, p).toBe('operator');
    for (const p of [
      '/containers/c/logs?stdout=1&details=1',
      '/containers/c/logs?details=true',
      '/services/s/logs?details=1',
      '/tasks/t/logs?details=1',
    ])
      expect(classifyEngineCall('GET', p).role, p).toBe('operator');
    for (const p of ['/containers/c/logs?stdout=1', '/containers/c/logs?details=0', '/containers/c/logs?details=false'])
      expect(classifyEngineCall('GET', p).role, p).toBe('viewer');
    expect(classifyEngineCall('POST', '/exec/e1/start')).toMatchObject({ targetIs: 'exec', target: 'e1' });
  });

  it('denies every method on unknown paths to non-admins', () => {
    for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(classifyEngineCall(m, '/v1.41/unknown/thing').role).toBe('admin');
    }
  });
});
