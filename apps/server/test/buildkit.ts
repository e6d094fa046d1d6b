import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pack } from 'tar-stream';
import { type DockerTarget, docker } from './docker-cli.ts';

/**
 * A docker CLI that runs `DOCKER_BUILDKIT=1 docker build` itself: one with the buildx plugin, or
 * Debian's docker.io 20.10 CLI (/usr/bin/docker), whose BuildKit client is built in (a 23+ CLI
 * without buildx only says "the buildx component is missing"). scripts/test.sh installs docker.io.
 */
export function buildKitCli(): string {
  const version = (bin: string, args: string[]) => {
    try {
      return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  for (const bin of ['docker', '/usr/bin/docker']) {
    if (version(bin, ['buildx', 'version'])) return bin;
    if (/^20\./.test(version(bin, ['version', '--format', '{{.Client.Version}}']))) return bin;
  }
  throw new Error('no docker CLI here runs BuildKit builds (neither the buildx plugin nor a 20.10 CLI): install docker.io');
}

/**
 * `DOCKER_BUILDKIT=1 docker build -t TAG` of a context with a Dockerfile, by the real CLI at
 * `dockerHost` (a gateway: the client opens its session with a prefix-less `POST /session`) with
 * the token in the CLI config. Resolves with the CLI's result.
 */
export async function cliBuildKitBuild(dockerHost: string, token: string, tag: string, labels: string[], dockerfile: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bk-cli-'));
  try {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ HttpHeaders: { Authorization: `Bearer ${token}` } }));
    fs.mkdirSync(path.join(dir, 'ctx'));
    fs.writeFileSync(path.join(dir, 'ctx', 'Dockerfile'), dockerfile);
    const target: DockerTarget = {
      bin: buildKitCli(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: dockerHost, DOCKER_CONFIG: dir, DOCKER_BUILDKIT: '1' },
    };
    return await docker(
      target,
      ['build', '--progress', 'plain', ...labels.flatMap((l) => ['--label', l]), '-t', tag, path.join(dir, 'ctx')],
      {
        timeoutMs: 120_000,
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A build context (Dockerfile and files) as the tar the Engine API takes. */
export async function contextTar(files: Record<string, string>): Promise<Buffer> {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name }, content);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A BuildKit build (`POST /build?version=2`) at `base` (an Engine API root: a gateway, or the
 * proxy prefix), the context uploaded as a tar. Resolves with the engine's progress stream; fails
 * when it reports an error.
 */
export async function buildKitBuild(
  base: string,
  token: string,
  tag: string,
  labels: Record<string, string>,
  context: Buffer,
): Promise<string> {
  const qs = new URLSearchParams({ version: '2', t: tag, labels: JSON.stringify(labels) });
  const res = await fetch(`${base}/build?${qs}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-tar' },
    body: new Uint8Array(context),
  });
  const text = await res.text();
  if (res.status !== 200 || /"error(Detail)?"/.test(text)) throw new Error(`build failed: ${res.status} ${text.slice(0, 2000)}`);
  return text;
}

/**
 * What the BuildKit client does first: `POST /session` (no path prefix) with `Upgrade: h2c`.
 * Resolves with the status line of the answer (`HTTP/1.1 101 …` once the engine took the session).
 */
export function openBuildKitSession(port: number, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => done(new Error(`no answer to POST /session: ${JSON.stringify(got)}`)), 10_000);
    const done = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(got.split('\r\n')[0] as string);
    };
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) done();
    });
    socket.on('error', done);
    socket.write(
      [
        'POST /session HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Connection: Upgrade',
        'Upgrade: h2c',
        `X-Docker-Expose-Session-Uuid: ${randomUUID()}`,
        'X-Docker-Expose-Session-Name: porthole-test',
        `X-Docker-Expose-Session-Sharedkey: ${randomUUID()}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}
