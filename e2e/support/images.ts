import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { docker } from './docker-cli.ts';
import { E2E } from './env.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts the local registry on 127.0.0.1:5000 (idempotent). */
export async function startRegistry(): Promise<void> {
  await run('bash', [path.join(ROOT, 'scripts/registry.sh'), 'start']);
}

/** `docker build` (classic builder) of a Dockerfile with this run's labels; returns the image id. */
export async function buildImage(tag: string | undefined, dockerfile: string, files: Record<string, string> = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pt-e2e-build-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const env = { ...process.env, DOCKER_BUILDKIT: '0' };
    delete env.DOCKER_HOST;
    const args = ['build', '-q', '--label', 'porthole.test=1', '--label', E2E.runLabel, ...(tag ? ['-t', tag] : []), dir];
    const { stdout } = await run('docker', args, { env, maxBuffer: 16 << 20 });
    return stdout.trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes images by reference, ignoring ones already gone. */
export async function removeImages(refs: string[]): Promise<void> {
  for (const r of refs) await docker(['image', 'rm', r]).catch(() => undefined);
}

/**
 * Efficiency of an image computed independently from `docker save` and GNU tar listings:
 * bytes of regular files in the final image / bytes of regular files in all layer tars.
 */
export async function efficiencyFromSave(ref: string): Promise<{ shipped: number; final: number; efficiency: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pt-e2e-save-'));
  try {
    const tarPath = path.join(dir, 'image.tar');
    await docker(['save', '-o', tarPath, ref]);
    await run('tar', ['-xf', tarPath, '-C', dir]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Array<{ Layers: string[] }>;
    const files = new Map<string, number>();
    let shipped = 0;
    for (const layer of manifest[0]?.Layers ?? []) {
      const { stdout } = await run('tar', ['--numeric-owner', '-tvf', path.join(dir, layer)], { maxBuffer: 64 << 20 });
      const entries = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const m = /^(\S)\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
          if (!m) throw new Error(`unparsed tar line: ${line}`);
          const name = `/${(m[3] as string)
            .replace(/ -> .*$| link to .*$/, '')
            .replace(/^\.?\//, '')
            .replace(/\/$/, '')}`;
          return { type: m[1] as string, size: Number(m[2]), name };
        });
      for (const e of entries) {
        const base = e.name.slice(e.name.lastIndexOf('/') + 1);
        const parent = e.name.slice(0, e.name.lastIndexOf('/'));
        if (base === '.wh..wh..opq') {
          for (const k of [...files.keys()]) if (k.startsWith(`${parent}/`)) files.delete(k);
        } else if (base.startsWith('.wh.')) {
          const gone = `${parent}/${base.slice(4)}`;
          for (const k of [...files.keys()]) if (k === gone || k.startsWith(`${gone}/`)) files.delete(k);
        }
      }
      for (const e of entries) {
        const base = e.name.slice(e.name.lastIndexOf('/') + 1);
        if (base.startsWith('.wh.')) continue;
        if (e.type === '-') {
          shipped += e.size;
          files.set(e.name, e.size);
        } else files.delete(e.name);
      }
    }
    const final = [...files.values()].reduce((s, n) => s + n, 0);
    return { shipped, final, efficiency: shipped ? final / shipped : 1 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
