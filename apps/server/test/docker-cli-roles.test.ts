import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry, AuditPage } from '@porthole/shared/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CliResult,
  type DockerTarget,
  FIXTURE_IMAGE,
  TEST_LABEL,
  directDocker,
  docker,
  dockerOk,
  proxyDocker,
  testRun,
} from './docker-cli.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { type TeamMember, addMember, asAdmin } from './team.ts';

/** A value only this test knows: it must never appear in an answer to a viewer, the audit log or the server log. */
const PLANTED = `planted-secret-${Math.random().toString(36).slice(2)}`;

/** The docker CLI's one-line refusal: `Error response from daemon: 403 Forbidden: a viewer may not …`, no JSON. */
function expectRefused(res: CliResult, message: RegExp): void {
  expect(res.code, res.stdout).not.toBe(0);
  const line = res.stderr
    .trim()
    .split('\n')
    .find((l) => /403 Forbidden/.test(l));
  expect(line, res.stderr).toMatch(message);
  expect(res.stderr).not.toContain('{"message"');
}

/** docker-compose 1.29 through Porthole: it reads the token from $DOCKER_CONFIG/config.json. */
function compose(target: DockerTarget, dir: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('docker-compose', args, { cwd: dir, env: { ...target.env, COMPOSE_HTTP_TIMEOUT: '60' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Issue 14, acceptance 2, 5 and 6: the real docker CLI and docker-compose through Porthole as a viewer and an operator. */
describe('docker CLI through Porthole by role', () => {
  const run = testRun();
  const direct = directDocker();
  let server: ServerProcess;
  let adminCookie: string;
  let viewer: TeamMember;
  let operator: TeamMember;
  let asViewer: DockerTarget;
  let asOperator: DockerTarget;
  let app: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-roles-'));
  const projects: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    adminCookie = await server.login();
    viewer = await addMember(server.url, adminCookie, 'cli-viewer', 'viewer');
    operator = await addMember(server.url, adminCookie, 'cli-operator', 'operator');
    asViewer = proxyDocker(server.url, viewer.token);
    asOperator = proxyDocker(server.url, operator.token);
    app = await run.startFixture(
      ['sh', '-c', 'echo hello-from-logs; exec sleep 600'],
      ['--name', run.name('app'), '-e', `API_KEY=${PLANTED}`],
    );
  });
  afterAll(async () => {
    for (const p of projects) await compose(direct, p, ['down', '--timeout', '1']);
    await run.cleanup();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a viewer: docker ps, logs and inspect work, with env values masked', async () => {
    expect(await dockerOk(asViewer, ['ps', '--filter', `label=${run.runLabel}`, '--format', '{{.Names}}'])).toBe(`${run.name('app')}\n`);
    expect(await dockerOk(asViewer, ['logs', app])).toContain('hello-from-logs');
    const inspect = await dockerOk(asViewer, ['inspect', app]);
    expect(inspect).not.toContain(PLANTED);
    expect(JSON.parse(inspect)[0].Config.Env).toContain('API_KEY=******');
    // The operator sees the value (the mask is the viewer's).
    expect(await dockerOk(asOperator, ['inspect', app])).toContain(PLANTED);
  });

  it('a viewer: exec, cp, run, rm and build are refused with a readable one-line message', async () => {
    expectRefused(await docker(asViewer, ['exec', app, 'true']), /a viewer may not exec into containers$/);
    fs.writeFileSync(path.join(tmp, 'file.txt'), 'x');
    expectRefused(await docker(asViewer, ['cp', path.join(tmp, 'file.txt'), `${app}:/`]), /a viewer may not copy files into containers$/);
    expectRefused(
      await docker(asViewer, ['cp', `${app}:/etc/hostname`, path.join(tmp, 'out')]),
      /a viewer may not copy files out of containers$/,
    );
    expectRefused(await docker(asViewer, ['run', '--rm', ...run.labelArgs, FIXTURE_IMAGE, 'true']), /a viewer may not create containers$/);
    expectRefused(await docker(asViewer, ['rm', '-f', app]), /a viewer may not remove containers$/);
    const context = path.join(tmp, 'build');
    fs.mkdirSync(context);
    fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${FIXTURE_IMAGE}\nLABEL ${TEST_LABEL} ${run.runLabel}\n`);
    expectRefused(await docker(asViewer, ['build', '-q', context]), /a viewer may not build images$/);
    expect((await dockerOk(direct, ['inspect', '-f', '{{.State.Running}}', app])).trim()).toBe('true');
  });

  it('an operator: docker restart and docker exec -it work', async () => {
    const before = (await dockerOk(direct, ['inspect', '-f', '{{.State.StartedAt}}', app])).trim();
    expect((await dockerOk(asOperator, ['restart', '-t', '0', app])).trim()).toBe(app);
    expect((await dockerOk(direct, ['inspect', '-f', '{{.State.StartedAt}}', app])).trim()).not.toBe(before);
    // -t needs a terminal: `script` gives the CLI one.
    const tty = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qec', `docker exec -it ${app} sh -c 'echo in-a-tty; tty'`, '/dev/null'], { env: asOperator.env });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.on('close', () => resolve(out));
    });
    expect(tty).toContain('in-a-tty');
    expect(tty).toMatch(/\/dev\/pts\/\d+/);
  });

  it('an operator: run --privileged, -v /:/host, --network host and rmi are refused', async () => {
    const runArgs = ['run', '-d', ...run.labelArgs, '--name', run.name('nope')];
    expectRefused(
      await docker(asOperator, [...runArgs, '--privileged', FIXTURE_IMAGE, 'true']),
      /an operator may not run privileged containers$/,
    );
    expectRefused(
      await docker(asOperator, [...runArgs, '-v', '/:/host', FIXTURE_IMAGE, 'true']),
      /an operator may not bind-mount host paths \(\/\)$/,
    );
    expectRefused(
      await docker(asOperator, [...runArgs, '--network', 'host', FIXTURE_IMAGE, 'true']),
      /an operator may not use the host's network namespace$/,
    );
    const tag = `porthole-test/rmi-${run.runId}:x`;
    await dockerOk(direct, ['tag', FIXTURE_IMAGE, tag]);
    expectRefused(await docker(asOperator, ['rmi', tag]), /an operator may not remove images$/);
    await dockerOk(direct, ['rmi', tag]);
    expect((await docker(direct, ['inspect', run.name('nope')])).code).not.toBe(0);
  });

  it('docker-compose 1.29 as an operator: up -d of a plain project works, privileged: true is refused readably', async () => {
    const project = (name: string, extra: string) => {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      const service = (s: string) =>
        `  ${s}:\n    image: ${FIXTURE_IMAGE}\n    command: sleep 600\n    stop_grace_period: 1s\n    labels: ['${TEST_LABEL}', '${run.runLabel}']\n`;
      fs.writeFileSync(
        path.join(dir, 'docker-compose.yml'),
        `version: '3.7'\nservices:\n${service('web')}${service('worker')}${extra}networks:\n  default:\n    labels: ['${TEST_LABEL}', '${run.runLabel}']\n`,
      );
      projects.push(dir);
      return dir;
    };
    const plain = project(`plain-${run.runId}`, '');
    const up = await compose(asOperator, plain, ['up', '-d']);
    expect(up.code, up.stderr).toBe(0);
    const names = await dockerOk(direct, [
      'ps',
      '--filter',
      `label=com.docker.compose.project=plain-${run.runId}`,
      '--format',
      '{{.Names}}',
    ]);
    expect(names.trim().split('\n').sort()).toEqual([`plain-${run.runId}_web_1`, `plain-${run.runId}_worker_1`]);

    const privileged = project(`priv-${run.runId}`, '    privileged: true\n');
    const refused = await compose(asOperator, privileged, ['up', '-d']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/403 Forbidden: an operator may not run privileged containers/);
    expect(refused.stderr).not.toContain('{"message"');
  });

  it('the audit log has the CLI restart with the token name and the denied privileged run; no secret anywhere', async () => {
    const query = async (q: string) => {
      const res = await asAdmin(server.url, adminCookie, 'GET', `/api/audit?${q}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as AuditPage).entries;
    };
    const restarts = await query('action=container.restart&user=cli-operator');
    expect(restarts[0]).toMatchObject<Partial<AuditEntry>>({
      user: 'cli-operator',
      tokenName: 'cli-operator-cli',
      role: 'operator',
      engine: 'local',
      action: 'container.restart',
      target: app,
      result: 'ok',
      status: 204,
      client: '127.0.0.1',
    });
    const denied = await query('action=container.create&result=denied&user=cli-operator');
    expect(denied.map((e) => e.message)).toContain('403 Forbidden: an operator may not run privileged containers');
    expect(await query('result=denied&user=cli-viewer')).not.toHaveLength(0);
    const logins = await query('action=auth.login');
    expect(logins.map((e) => e.user)).toEqual(expect.arrayContaining(['admin', 'cli-viewer', 'cli-operator']));

    const csv = await (await asAdmin(server.url, adminCookie, 'GET', '/api/audit?format=csv')).text();
    const json = await (await asAdmin(server.url, adminCookie, 'GET', '/api/audit?format=json')).text();
    expect(csv.split('\r\n')[0]).toBe('id,at,user,tokenName,role,engine,action,target,targetName,result,status,message,client');
    expect(csv).toContain('container.restart');
    expect(JSON.parse(json).length).toBeGreaterThan(5);
    const db = ['porthole.db', 'porthole.db-wal']
      .map((f) => path.join(server.dataDir, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1'))
      .join('');
    for (const secret of [PLANTED, viewer.password, operator.password, viewer.token, operator.token]) {
      const places: Array<[string, string]> = [
        ['csv', csv],
        ['json', json],
        ['store', db],
        ['server log', server.output()],
      ];
      for (const [where, text] of places) {
        expect(text.includes(secret), `${where} contains a secret`).toBe(false);
      }
    }
  });
});
