#!/usr/bin/env node
// Checks the built SPA (run by `pnpm build` after `vite build`; fails the build on a regression):
//  * the first load of /containers and of / (Overview): every script and stylesheet the page
//    loads before its view can render — index.html's entry and its static imports, plus the
//    view's route chunk and its static imports — in bytes as a gzip-only browser receives them
//    (the build's .gz copies, which the server sends), against the budgets below;
//  * each route's own chunk (what the router loads lazily; libraries have chunks of their own);
//  * the heavy libraries (xterm, uPlot, React Flow, RE2) stay out of those first loads;
//  * no schema code (TypeBox) in any chunk: the browser imports plain types from packages/shared;
//  * every text file worth it has its .br and .gz copies (the server compresses nothing itself).
// Usage: node scripts/check-bundle.mjs [distDir] [--json]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

/** kB as browsers' network panels and Vite count them. */
const KB = 1000;
export const BUDGETS = {
  /**
   * Scripts of a first load of /containers or /: issue 12's target. The list's checkboxes are the
   * browser's own (PlainCheckbox) and the nav's image count loads only the image list query.
   */
  initialJs: 150 * KB,
  /** Stylesheets of a first load of /containers or /. */
  initialCss: 20 * KB,
  /** One route's own chunk. */
  routeChunk: 60 * KB,
};

/** The views whose first load is budgeted: URL → the page module its route loads. */
export const FIRST_LOADS = {
  '/containers': 'src/features/containers/ContainersPage.tsx',
  '/': 'src/features/overview/OverviewPage.tsx',
};

/** Chunks of libraries only some routes use (vite.config.ts names them). */
const HEAVY_VENDORS = /^assets\/vendor-(?:xterm|uplot|xyflow|re2)-/;

/** Strings only schema code carries (TypeBox's error class, its Kind/Hint symbols, its compiler). */
const SCHEMA_MARKERS = ['TypeBoxError', 'TypeBox.Kind', 'TypeBox.Hint', 'TypeCompiler', '@sinclair/typebox'];

const gzip9 = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
/** Bytes a gzip-only browser receives: the build's own .gz copy (what the server sends), else gzip -9. */
const gzipSize = (file) => (fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : gzip9(file));
/** Bytes a browser that accepts brotli receives. */
const brotliSize = (file) => (fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : gzipSize(file));

/** Files (relative to dist) a chunk loads before it runs: itself, its static imports, their CSS. */
function closure(manifest, keys) {
  const seen = new Set();
  const files = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`check-bundle: ${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...files];
}

export function measure(dist) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('check-bundle: no entry in the build manifest');
  const sum = (files, ext, size) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + size(path.join(dist, f)), 0);

  const firstLoads = Object.entries(FIRST_LOADS).map(([url, page]) => {
    const files = closure(manifest, [entry, page]);
    return {
      url,
      js: sum(files, '.js', gzipSize),
      css: sum(files, '.css', gzipSize),
      jsBrotli: sum(files, '.js', brotliSize),
      cssBrotli: sum(files, '.css', brotliSize),
      heavy: files.filter((f) => HEAVY_VENDORS.test(f)),
      files,
    };
  });
  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => ({ name: chunk.src ?? chunk.name ?? key, file: chunk.file, js: gzipSize(path.join(dist, chunk.file)) }))
    .sort((a, b) => b.js - a.js);
  const vendors = Object.values(manifest)
    .filter((chunk) => /^assets\/vendor-.*\.js$/.test(chunk.file))
    .map((chunk) => ({ file: chunk.file, js: gzipSize(path.join(dist, chunk.file)) }));

  const schemaHits = [];
  const uncompressed = [];
  for (const name of fs.readdirSync(path.join(dist, 'assets'))) {
    const file = path.join(dist, 'assets', name);
    if (name.endsWith('.js')) {
      const code = fs.readFileSync(file, 'utf8');
      for (const marker of SCHEMA_MARKERS) if (code.includes(marker)) schemaHits.push(`${name}: ${marker}`);
    }
    const copies = fs.existsSync(`${file}.br`) && fs.existsSync(`${file}.gz`);
    if (/\.(js|css)$/.test(name) && !copies && gzip9(file) < fs.statSync(file).size) uncompressed.push(name);
  }
  if (!fs.existsSync(path.join(dist, 'index.html.gz'))) uncompressed.push('index.html');
  return { firstLoads, routes, vendors, schemaHits, uncompressed };
}

export function problems({ firstLoads, routes, schemaHits, uncompressed }) {
  const out = [];
  for (const load of firstLoads) {
    if (load.js > BUDGETS.initialJs) out.push(`first load of ${load.url}: ${kb(load.js)} of scripts (budget ${kb(BUDGETS.initialJs)})`);
    if (load.css > BUDGETS.initialCss) out.push(`first load of ${load.url}: ${kb(load.css)} of styles (budget ${kb(BUDGETS.initialCss)})`);
    for (const file of load.heavy) out.push(`first load of ${load.url} loads ${file}, a library only some routes need`);
  }
  for (const r of routes) if (r.js > BUDGETS.routeChunk) out.push(`route chunk ${r.name}: ${kb(r.js)} (budget ${kb(BUDGETS.routeChunk)})`);
  for (const hit of schemaHits) out.push(`schema code in the browser bundle: ${hit}`);
  for (const name of uncompressed) out.push(`${name} has no .br/.gz copy`);
  return out;
}

const kb = (n) => `${(n / KB).toFixed(1)} kB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dist = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(import.meta.dirname, '../dist'));
  const result = measure(dist);
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    for (const l of result.firstLoads) {
      console.log(
        `first load ${l.url.padEnd(11)} js ${kb(l.js).padStart(8)} (budget ${kb(BUDGETS.initialJs)})  css ${kb(l.css).padStart(7)} (budget ${kb(BUDGETS.initialCss)})  gzip; brotli ${kb(l.jsBrotli)} + ${kb(l.cssBrotli)}`,
      );
    }
    const top = result.routes.slice(0, 4).map((r) => `${path.basename(r.name)} ${kb(r.js)}`);
    console.log(`largest route chunks (budget ${kb(BUDGETS.routeChunk)}): ${top.join(', ')}`);
    console.log(
      `library chunks: ${result.vendors.map((v) => `${v.file.replace(/^assets\/|-[\w-]{8}\.js$/g, '')} ${kb(v.js)}`).join(', ')}`,
    );
  }
  const found = problems(result);
  for (const p of found) console.error(`check-bundle: ${p}`);
  if (found.length) process.exit(1);
}
