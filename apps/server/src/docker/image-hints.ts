import { dockerfileLine } from '@porthole/shared/image-history';
import type { FileEntry, Hint, LayerSummary, WastedPath } from '@porthole/shared/images';
import type { ImageExport } from './image-export.ts';

/** Optimisation hints from the tutorial's advice, each pointing at the layers that cause it. */

export interface HintInput {
  exp: ImageExport;
  layers: LayerSummary[];
  changes: FileEntry[][];
  wasted: WastedPath[];
}

/** Package-manager caches: a prefix and what to do instead. */
const CACHES: Array<{ re: RegExp; dir: (m: RegExpExecArray) => string; fix: string }> = [
  {
    re: /^\/var\/lib\/apt\/lists\/(?!lock$|partial$|auxfiles$)/,
    dir: () => '/var/lib/apt/lists',
    fix: 'rm -rf /var/lib/apt/lists/* in the same RUN',
  },
  { re: /^\/var\/cache\/apt\/archives\/[^/]+\.deb$/, dir: () => '/var/cache/apt/archives', fix: 'apt-get clean in the same RUN' },
  { re: /^\/var\/cache\/apk\//, dir: () => '/var/cache/apk', fix: 'apk add --no-cache' },
  { re: /^\/root\/\.npm\//, dir: () => '/root/.npm', fix: 'npm cache clean --force in the same RUN (or a cache mount)' },
  { re: /^(\/root|\/home\/[^/]+)\/\.cache\/pip\//, dir: (m) => `${m[1]}/.cache/pip`, fix: 'pip install --no-cache-dir' },
  { re: /^(\/root|\/home\/[^/]+)\/\.cache\/yarn\//, dir: (m) => `${m[1]}/.cache/yarn`, fix: 'yarn cache clean in the same RUN' },
];

const MB = 1_000_000;
const INSTALL =
  /\b(npm (install|ci|i)\b|yarn( install)?\b|pnpm install|pip3? install|bundle install|go mod download|composer install|mvn |gradle )/;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const fmt = (b: number) => (b >= MB ? `${(b / MB).toFixed(1)} MB` : b >= 1000 ? `${(b / 1000).toFixed(1)} kB` : `${b} B`);

export function imageHints({ exp, layers, changes, wasted }: HintInput): Hint[] {
  const hints: Hint[] = [];
  const history = exp.config.history ?? [];
  const lines = history.map((h) => dockerfileLine(h.created_by ?? ''));
  const layerOfHistory = new Map(layers.map((l) => [l.historyIndex, l.index]));
  /** The first RUN after history entry `h` that installs packages (`install`), or -1. */
  const installAfter = (h: number, install: (line: string) => boolean) =>
    lines.findIndex((m, j) => j > h && m.instruction === 'RUN' && install(m.line));
  /** The layers these history entries made (an entry that made none is left out). */
  const layersOf = (...entries: number[]) => entries.map((h) => layerOfHistory.get(h)).filter((x): x is number => x !== undefined);
  const label = (i: number) => `layer ${i} (${clip(lines[layers[i]?.historyIndex ?? -1]?.line ?? '', 60)})`;

  // Package caches left in a layer.
  changes.forEach((entries, i) => {
    const dirs = new Map<string, { bytes: number; fix: string }>();
    for (const e of entries) {
      if (e.type !== 'file' || e.change === 'removed') continue;
      for (const c of CACHES) {
        const m = c.re.exec(e.path);
        if (!m) continue;
        const d = dirs.get(c.dir(m)) ?? { bytes: 0, fix: c.fix };
        d.bytes += e.size;
        dirs.set(c.dir(m), d);
      }
    }
    for (const [dir, { bytes, fix }] of dirs) {
      hints.push({
        kind: 'package-cache',
        severity: 'warning',
        title: `Package cache ${dir} left in layer ${i}`,
        detail: `${label(i)} ships ${fmt(bytes)} of ${dir}. Clean it in the instruction that fills it: ${fix}.`,
        layers: [i],
        bytes,
        paths: [dir],
      });
    }
  });

  // Files added in one layer and deleted in a later one (still shipped in the first).
  const groups = new Map<string, { from: number; to: number; bytes: number; paths: string[] }>();
  for (const w of wasted) {
    if (w.removedIn === undefined) continue;
    for (const from of w.layers) {
      const key = `${from}>${w.removedIn}`;
      const g = groups.get(key) ?? { from, to: w.removedIn, bytes: 0, paths: [] };
      g.bytes += w.bytes / w.layers.length;
      if (g.paths.length < 10) g.paths.push(w.path);
      groups.set(key, g);
    }
  }
  for (const g of [...groups.values()].sort((a, b) => b.bytes - a.bytes)) {
    hints.push({
      kind: 'added-then-deleted',
      severity: 'warning',
      title: `Layer ${g.from} adds files that layer ${g.to} deletes`,
      detail: `${fmt(g.bytes)} written in ${label(g.from)} and deleted in ${label(g.to)} is still shipped by layer ${g.from}. Create and delete temporary files in the same RUN, or use a multi-stage build.`,
      layers: [g.from, g.to],
      bytes: Math.round(g.bytes),
      paths: g.paths,
    });
  }

  // apt-get update and install in separate RUNs.
  const isUpdate = (s: string) => /\b(apt-get|apt) update\b/.test(s) || /\bapk update\b/.test(s);
  const isInstall = (s: string) => /\b(apt-get|apt) (-\S+ )*install\b/.test(s) || /\bapk add\b/.test(s);
  lines.forEach((l, h) => {
    if (l.instruction !== 'RUN' || !isUpdate(l.line) || isInstall(l.line)) return;
    const next = installAfter(h, isInstall);
    if (next < 0) return;
    hints.push({
      kind: 'apt-update-separate',
      severity: 'warning',
      title: 'Package index update and install in separate RUNs',
      detail: `"${clip(l.line, 80)}" and "${clip(lines[next]?.line ?? '', 80)}" are separate layers: the cached update layer goes stale and installs old packages. Use RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/*.`,
      layers: layersOf(h, next),
    });
  });

  // Base image: the history up to the base's own CMD/ENTRYPOINT (followed by more layers).
  let baseEnd = -1;
  lines.forEach((l, h) => {
    if ((l.instruction === 'CMD' || l.instruction === 'ENTRYPOINT') && layers.some((x) => x.historyIndex > h)) baseEnd = h;
  });

  // Many RUN layers in a row that could be one.
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 3) {
      const small = run.filter((i) => (layers[i]?.size ?? 0) < 10 * MB).length;
      hints.push({
        kind: 'combine-runs',
        severity: 'info',
        title: `${run.length} consecutive RUN layers (${run[0]}–${run[run.length - 1]})`,
        detail: `Layers ${run.join(', ')} each come from a separate RUN (${small} of them under 10 MB). Chain the commands with && in one RUN: fewer layers, and temporary files can be removed before the layer is written.`,
        layers: run,
      });
    }
    run = [];
  };
  for (const l of layers) {
    if (l.historyIndex > baseEnd && lines[l.historyIndex]?.instruction === 'RUN') run.push(l.index);
    else flush();
  }
  flush();

  // Dependency install after copying the whole source.
  lines.forEach((l, h) => {
    const copyAll =
      (l.instruction === 'COPY' || l.instruction === 'ADD') && (/^(COPY|ADD) (dir:\S+|\.) /.test(l.line) || /^(COPY|ADD) \. /.test(l.line));
    if (!copyAll || h <= baseEnd) return;
    const next = installAfter(h, (line) => INSTALL.test(line));
    if (next < 0) return;
    hints.push({
      kind: 'install-after-copy-all',
      severity: 'warning',
      title: 'Dependencies installed after copying the whole source',
      detail: `"${clip(l.line, 60)}" comes before "${clip(lines[next]?.line ?? '', 60)}": every source change invalidates the install layer's cache. Copy the dependency manifests first, install, then copy the rest.`,
      layers: layersOf(h, next),
    });
  });

  // Runs as root.
  const user = exp.config.config?.User ?? '';
  if (!user || user === 'root' || user === '0' || user.startsWith('0:') || user.startsWith('root:')) {
    hints.push({
      kind: 'runs-as-root',
      severity: 'warning',
      title: 'No USER: the container runs as root',
      detail: 'Add a non-root user (RUN adduser -D app) and switch to it with USER app before CMD.',
      layers: [],
    });
  }

  // A large base image.
  const base = layers.filter((l) => l.historyIndex <= baseEnd);
  const baseBytes = base.reduce((s, l) => s + l.size, 0);
  if (base.length > 0 && baseBytes > 200 * MB) {
    hints.push({
      kind: 'large-base',
      severity: 'info',
      title: `Large base image (${fmt(baseBytes)})`,
      detail: `Layers ${base[0]?.index}–${base[base.length - 1]?.index} come from the base image. A slim, alpine or distroless base, or a multi-stage build that copies only the result, ships less.`,
      layers: base.map((l) => l.index),
      bytes: baseBytes,
    });
  }
  return hints;
}
