import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETS, measure, problems } from './check-bundle.mjs';

/** Text that gzip cannot shrink much: `bytes` of it cost about that much on the wire. */
const incompressible = (bytes) => `/*${crypto.randomBytes(bytes).toString('base64')}*/`;

const dirs = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A dist/ as `vite build` writes it, with .br/.gz copies, from { file: content } and a manifest. */
function fakeDist(files, manifest) {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'check-bundle-'));
  dirs.push(dist);
  for (const [name, content] of Object.entries({ 'index.html': '<!doctype html>', ...files })) {
    const file = path.join(dist, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content));
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
  }
  fs.mkdirSync(path.join(dist, '.vite'));
  fs.writeFileSync(path.join(dist, '.vite/manifest.json'), JSON.stringify(manifest));
  return dist;
}

const manifest = {
  'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_vendor-react-b.js'], css: ['assets/index-a.css'] },
  '_vendor-react-b.js': { file: 'assets/vendor-react-b.js' },
  'src/features/containers/ContainersPage.tsx': { file: 'assets/ContainersPage-c.js', isDynamicEntry: true },
  'src/features/overview/OverviewPage.tsx': { file: 'assets/OverviewPage-d.js', isDynamicEntry: true },
};
const small = {
  'assets/index-a.js': 'export const shell = 1;',
  'assets/index-a.css': 'body{margin:0}',
  'assets/vendor-react-b.js': 'export const react = 1;',
  'assets/ContainersPage-c.js': 'export const page = 1;',
  'assets/OverviewPage-d.js': 'export const page = 2;',
};

describe('check-bundle', () => {
  it('passes a build within its budgets', () => {
    const result = measure(fakeDist(small, manifest));
    expect(problems(result)).toEqual([]);
    const containers = result.firstLoads.find((l) => l.url === '/containers');
    expect(containers.files).toEqual(['assets/index-a.js', 'assets/index-a.css', 'assets/vendor-react-b.js', 'assets/ContainersPage-c.js']);
  });

  it('fails when a first load or a route chunk is over budget', () => {
    const result = measure(
      fakeDist(
        {
          ...small,
          'assets/vendor-react-b.js': incompressible(BUDGETS.initialJs),
          'assets/OverviewPage-d.js': incompressible(BUDGETS.routeChunk + 1000),
        },
        manifest,
      ),
    );
    const found = problems(result).join('\n');
    expect(found).toMatch(/first load of \/containers: .* of scripts/);
    expect(found).toMatch(/route chunk src\/features\/overview\/OverviewPage.tsx/);
  });

  it('fails when schema code (TypeBox) is in the bundle', () => {
    const typebox = 'const Kind = Symbol.for("TypeBox.Kind"); class TypeBoxError extends Error {}';
    const result = measure(fakeDist({ ...small, 'assets/ContainersPage-c.js': typebox }, manifest));
    expect(problems(result).join('\n')).toMatch(/schema code in the browser bundle: ContainersPage-c.js: TypeBoxError/);
  });

  it('fails when a heavy library is part of a first load', () => {
    const heavy = {
      ...manifest,
      'src/features/containers/ContainersPage.tsx': {
        ...manifest['src/features/containers/ContainersPage.tsx'],
        imports: ['_vendor-xterm-e.js'],
      },
      '_vendor-xterm-e.js': { file: 'assets/vendor-xterm-e.js' },
    };
    const result = measure(fakeDist({ ...small, 'assets/vendor-xterm-e.js': 'export const xterm = 1;' }, heavy));
    expect(problems(result)).toContain('first load of /containers loads assets/vendor-xterm-e.js, a library only some routes need');
  });

  it('fails when a file worth compressing has no .br/.gz copy', () => {
    const dist = fakeDist(small, manifest);
    fs.writeFileSync(path.join(dist, 'assets/late-f.js'), 'export const x = "a";\n'.repeat(50));
    expect(problems(measure(dist))).toContain('late-f.js has no .br/.gz copy');
  });
});
