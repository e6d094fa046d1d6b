import net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, type DockerTarget, FIXTURE_IMAGE, directDocker, docker, dockerOk, proxyDocker, testRun } from './docker-cli.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { type TeamMember, addMember } from './team.ts';

function expectRefused(res: CliResult, why: RegExp): void {
  expect(res.code, res.stdout).not.toBe(0);
  expect(res.stderr).toMatch(/403 Forbidden: an operator may not/);
  expect(res.stderr).toMatch(why);
}

/** The terminal websocket's first message (an error for a refused container), or its close. */
function terminalAnswer(url: string, token: string, container: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http:', 'ws:')}/api/engines/local/containers/${container}/terminal?cmd=true`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const timer = setTimeout(() => reject(new Error('no answer from the terminal')), 15_000);
    ws.on('message', (data, binary) => {
      if (binary) return;
      clearTimeout(timer);
      resolve(data.toString());
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve(`HTTP ${res.statusCode}`);
    });
    ws.on('error', () => undefined);
  });
}

/**
 * Issue 14, found by an attacker pass: an operator could not create a privileged container or
 * mount the Docker socket, but could exec into one an admin made (Porthole's own container mounts
 * the socket) — root on the host. Exec, attach, terminal and file copies into a container with
 * host access are an admin's; ordinary containers (a read-only config file bound in) stay open.
 */
describe('reaching into containers with host access', () => {
  const run = testRun();
  const direct = directDocker();
  let server: ServerProcess;
  let operator: TeamMember;
  let asOperator: DockerTarget;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess();
    const adminCookie = await server.login();
    operator = await addMember(server.url, adminCookie, 'host-operator', 'operator');
    asOperator = proxyDocker(server.url, operator.token);
    const start = (what: string, opts: string[]) => run.startFixture(['sleep', '600'], ['--name', run.name(what), ...opts]);
    // Created, not started: this machine's engine may not run privileged containers (it runs in a
    // container itself) — and the check comes before the engine is asked to do anything.
    const create = async (what: string, opts: string[]) =>
      (await dockerOk(direct, ['create', ...run.labelArgs, '--name', run.name(what), ...opts, FIXTURE_IMAGE, 'sleep', '600'])).trim();
    made.socket = await start('socket', ['-v', '/var/run/docker.sock:/var/run/docker.sock']);
    made.socketRo = await start('socket-ro', ['-v', '/var/run/docker.sock:/s.sock:ro']);
    made.privileged = await create('privileged', ['--privileged']);
    made.hostPid = await create('hostpid', ['--pid', 'host']);
    made.caps = await create('caps', ['--cap-add', 'SYS_ADMIN']);
    made.plain = await start('plain', ['-v', '/etc/hostname:/etc/app.conf:ro']);
  }, 120_000);
  afterAll(async () => {
    await run.cleanup();
    await server?.stop();
  });

  it('docker exec, cp and attach as an operator are refused for each kind, with the reason; ordinary containers work', async () => {
    const reasons: Record<string, RegExp> = {
      socket: /host path \/var\/run\/docker\.sock mounted writable/,
      socketRo: /socket can be reached/,
      privileged: /it is privileged/,
      hostPid: /host's PID namespace/,
      caps: /added capabilities \(SYS_ADMIN\)/,
    };
    for (const [kind, why] of Object.entries(reasons)) {
      const name = run.name(kind === 'socketRo' ? 'socket-ro' : kind === 'hostPid' ? 'hostpid' : kind);
      expectRefused(await docker(asOperator, ['exec', name, 'true']), why);
      expectRefused(await docker(asOperator, ['cp', `${name}:/etc/hostname`, '-']), why);
      // Copying in (`docker cp - NAME:/tmp` sends this after a stat): a tar of one file.
      const put = await fetch(`${server.url}/api/engines/local/docker/containers/${name}/archive?path=/tmp`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'application/x-tar' },
        body: new Uint8Array(1024),
      });
      expect(put.status).toBe(403);
      expect(((await put.json()) as { message: string }).message).toMatch(why);
      // Attaching needs a running container (the CLI checks that first); the CLI prints only the
      // status of a refused hijack.
      if (kind.startsWith('socket')) {
        const attach = await docker(asOperator, ['attach', '--no-stdin', name], { timeoutMs: 20_000 });
        expect(attach.code).not.toBe(0);
        expect(attach.stderr).toMatch(/unable to upgrade to tcp, received 403/);
      }
    }
    // The admin may (and nothing else changed for ordinary containers).
    expect((await docker(direct, ['exec', made.socket as string, 'true'])).code).toBe(0);
    expect(await dockerOk(asOperator, ['exec', run.name('plain'), 'cat', '/etc/app.conf'])).toBeTruthy();
    expect((await docker(asOperator, ['cp', `${run.name('plain')}:/etc/app.conf`, '-'])).code).toBe(0);
  }, 180_000);

  it('docker export is refused too, and a name moved while an exec body is held back cannot redirect the exec', async () => {
    const auth = { authorization: `Bearer ${operator.token}` };
    const exported = await fetch(`${server.url}/api/engines/local/docker/containers/${run.name('privileged')}/export`, { headers: auth });
    expect(exported.status).toBe(403);
    await exported.arrayBuffer();

    // The attacker pass: exec create on a harmless name, the body held back, the names swapped.
    const harmless = run.name('harmless');
    const harmlessId = await run.startFixture(['sleep', '600'], ['--name', harmless]);
    const body = JSON.stringify({ AttachStdout: true, Cmd: ['true'] });
    const port = Number(new URL(server.url).port);
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    const closed = new Promise((r) => socket.on('close', r));
    socket.write(
      `POST /api/engines/local/docker/containers/${harmless}/exec HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${operator.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
    );
    await dockerOk(direct, ['rename', harmless, `${harmless}-old`]);
    await dockerOk(direct, ['rename', run.name('socket'), harmless]);
    socket.write(body.slice(5));
    await closed;
    await dockerOk(direct, ['rename', harmless, run.name('socket')]);
    await dockerOk(direct, ['rename', `${harmless}-old`, harmless]);
    const status = Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1]);
    if (status === 201) {
      // Made on the container that was checked — never on the one the name was moved to.
      const execId = (JSON.parse(answer.slice(answer.indexOf('{'))) as { Id: string }).Id;
      const exec = JSON.parse(await dockerOk(direct, ['inspect', '--type', 'exec', execId]).catch(async () => '{}')) as {
        ContainerID?: string;
      };
      expect(exec.ContainerID ?? harmlessId).toBe(harmlessId);
    } else {
      expect(status, answer).toBe(403);
      expect(answer).toMatch(/docker\.sock/);
    }
  });

  it("Porthole's own terminal and file routes refuse them too", async () => {
    expect(await terminalAnswer(server.url, operator.token, made.socket as string)).toMatch(
      /"type":"error".*may not open a terminal in.*docker\.sock/,
    );
    expect(await terminalAnswer(server.url, operator.token, made.plain as string)).toMatch(/"type":"ready"/);
    const auth = { authorization: `Bearer ${operator.token}` };
    for (const path of ['files?path=/', 'files/download?path=/etc/hostname']) {
      const refused = await fetch(`${server.url}/api/engines/local/containers/${made.privileged}/${path}`, { headers: auth });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /may not (browse the files of|copy files out of) .*privileged/,
      );
      const ok = await fetch(`${server.url}/api/engines/local/containers/${made.plain}/${path}`, { headers: auth });
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
    }
  });
});
