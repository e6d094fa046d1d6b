#!/usr/bin/env node
// Bundles the server into one ESM file for the runtime image (`pnpm --filter @porthole/server build`).
//
// Output (default apps/server/dist/bundle, or the directory given as an argument):
//   server.mjs                       the server and every pure-JS dependency
//   server.mjs.map                   its source map (mappings only), for `node --enable-source-maps`:
//                                    what `pnpm start`, scripts/start.sh, the tests and the bench run.
//                                    Never in the image: `--no-sourcemap` (Dockerfile) leaves it out,
//                                    and the bundle's .dockerignore (Dockerfile.offline) skips it
//   package.json                     {"type":"module"}
//   node_modules/better-sqlite3      the native module, kept external: package.json, lib/ and
//                                    build/Release/better_sqlite3.node only (no sources, no deps/)
//   node_modules/bindings, node_modules/file-uri-to-path   its runtime dependencies
//   web/                             the built SPA (apps/web/dist, or $WEB_DIST), when it has been built
//
// The directory is self-contained: `node server.mjs` runs it, and it is the build context of
// Dockerfile.offline. Native code is copied as built on this machine, so run this script with the
// same Node (ABI) and libc as the image's base.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const serverDir = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const sourcemap = !args.includes('--no-sourcemap');
const outArg = args.find((a) => !a.startsWith('--'));
const finalDir = path.resolve(outArg ?? path.join(serverDir, 'dist/bundle'));
// Built beside the target and swapped in at the end: a server running from the old build (tests,
// `pnpm start`) never sees a half-written directory.
const outDir = `${finalDir}.tmp-${process.pid}`;
const webDist = path.resolve(process.env.WEB_DIST ?? path.join(serverDir, '../web/dist'));

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
// A failed build leaves nothing behind (after the swap there is nothing left to remove).
process.once('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));

await build({
  entryPoints: [path.join(serverDir, 'src/server.ts')],
  outfile: path.join(outDir, 'server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Mappings only: stack traces name the .ts file and line; the sources are in the repository.
  sourcemap: sourcemap ? 'linked' : false,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  // better-sqlite3 loads a native addon; ssh2's optional native helpers are not built (pure-JS fallbacks).
  external: ['better-sqlite3', 'cpu-features', '*.node'],
  // CommonJS dependencies call require() on Node built-ins and use __dirname: give the ESM bundle both.
  banner: {
    js: [
      "import { createRequire as __phCreateRequire } from 'node:module';",
      "import { dirname as __phDirname } from 'node:path';",
      "import { fileURLToPath as __phFileURLToPath } from 'node:url';",
      'const require = __phCreateRequire(import.meta.url);',
      'const __filename = __phFileURLToPath(import.meta.url);',
      'const __dirname = __phDirname(__filename);',
    ].join(' '),
  },
});
fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
// The directory is Dockerfile.offline's build context: the source map stays out of the image.
if (sourcemap) fs.writeFileSync(path.join(outDir, '.dockerignore'), '*.map\n.dockerignore\n');

/** Copies a package's runtime files (only `files`, relative to the package root) into node_modules. */
function copyPackage(name, from, files) {
  const requireFrom = createRequire(path.join(from, 'package.json'));
  const root = path.dirname(requireFrom.resolve(`${name}/package.json`));
  const dest = path.join(outDir, 'node_modules', name);
  for (const f of ['package.json', ...files]) {
    fs.cpSync(path.join(root, f), path.join(dest, f), { recursive: true, dereference: true });
  }
  return root;
}

const sqliteRoot = copyPackage('better-sqlite3', serverDir, ['lib', 'build/Release/better_sqlite3.node', 'LICENSE']);
const bindingsRoot = copyPackage('bindings', sqliteRoot, ['bindings.js', 'LICENSE.md']);
copyPackage('file-uri-to-path', bindingsRoot, ['index.js', 'LICENSE']);

if (fs.existsSync(path.join(webDist, 'index.html'))) {
  fs.cpSync(webDist, path.join(outDir, 'web'), {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  });
} else {
  console.warn(`[bundle] ${webDist} has no index.html: build the SPA first (pnpm --filter @porthole/web build)`);
}

const oldDir = `${finalDir}.old-${process.pid}`;
if (fs.existsSync(finalDir)) fs.renameSync(finalDir, oldDir);
fs.renameSync(outDir, finalDir);
fs.rmSync(oldDir, { recursive: true, force: true });

console.log(`[bundle] ${path.relative(process.cwd(), finalDir) || '.'}`);
