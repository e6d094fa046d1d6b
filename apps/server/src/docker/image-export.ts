import type { Readable } from 'node:stream';
import tar from 'tar-stream';

/**
 * Streaming reader of `docker save` / `GET /images/{name}/get` (a tar of layer tars). Each
 * layer tar is read as it passes and only its file headers are kept: the data is drained, so
 * memory stays flat whatever the image's size.
 */

export type EntryType = 'file' | 'dir' | 'symlink' | 'link' | 'other';

export interface LayerEntry {
  /** Absolute path in the image, without trailing slash (`/etc/passwd`). */
  path: string;
  type: EntryType;
  size: number;
  target?: string;
}

export interface ExportManifest {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}

export interface ImageConfigFile {
  config?: { User?: string; Labels?: Record<string, string> | null; Cmd?: string[] | null; Entrypoint?: string[] | null };
  history?: Array<{ created?: string; created_by?: string; empty_layer?: boolean; comment?: string }>;
  rootfs?: { type: string; diff_ids: string[] };
}

export interface ImageExport {
  manifest: ExportManifest;
  config: ImageConfigFile;
  /** The layers in manifest order, each with its tar path in the export and its entries. */
  layers: Array<{ tarPath: string; entries: LayerEntry[] }>;
}

/** `./usr/bin/` → `/usr/bin` */
export function normalisePath(name: string): string {
  const p = `/${name.replace(/^\.?\/+/, '').replace(/\/+$/, '')}`;
  return p === '/' ? '/' : p.replace(/\/{2,}/g, '/');
}

function entryType(type: string | null | undefined): EntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'link';
    default:
      return 'other';
  }
}

async function readText(stream: Readable, limit = 64 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('image export: metadata file too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The entries of one layer tar, reading headers only. */
export async function readLayerEntries(layer: Readable): Promise<LayerEntry[]> {
  const inner = tar.extract();
  layer.pipe(inner);
  const entries: LayerEntry[] = [];
  for await (const e of inner) {
    const h = e.header;
    const type = entryType(h.type);
    const entry: LayerEntry = { path: normalisePath(h.name), type, size: type === 'file' ? (h.size ?? 0) : 0 };
    if (h.linkname) entry.target = h.linkname;
    if (entry.path !== '/') entries.push(entry);
    e.resume();
  }
  return entries;
}

const isLayerTar = (name: string) => /(^|\/)layer\.tar$/.test(name);

/** Reads an image export stream into its manifest, config and layer entry lists. */
export async function readImageExport(source: Readable): Promise<ImageExport> {
  const outer = tar.extract();
  source.on('error', (err) => outer.destroy(err));
  source.pipe(outer);
  const byPath = new Map<string, LayerEntry[]>();
  const aliases = new Map<string, string>();
  const jsonFiles = new Map<string, string>();
  let manifest: ExportManifest[] | undefined;
  for await (const entry of outer) {
    const name = entry.header.name.replace(/^\.\//, '');
    if (isLayerTar(name) && entry.header.type === 'symlink' && entry.header.linkname) {
      // Identical layers are stored once; later ones link to the first.
      const dir = name.split('/').slice(0, -1);
      const target = [...dir, ...entry.header.linkname.split('/')].reduce<string[]>((acc, part) => {
        if (part === '..') acc.pop();
        else if (part && part !== '.') acc.push(part);
        return acc;
      }, []);
      aliases.set(name, target.join('/'));
      entry.resume();
    } else if (isLayerTar(name) && entry.header.type === 'file') {
      byPath.set(name, await readLayerEntries(entry as unknown as Readable));
    } else if (name === 'manifest.json') {
      manifest = JSON.parse(await readText(entry as unknown as Readable)) as ExportManifest[];
    } else if (name.endsWith('.json') && !name.includes('/')) {
      jsonFiles.set(name, await readText(entry as unknown as Readable));
    } else {
      entry.resume();
    }
  }
  const m = manifest?.[0];
  if (!m) throw new Error('image export has no manifest.json');
  const configText = jsonFiles.get(m.Config);
  if (!configText) throw new Error(`image export has no config ${m.Config}`);
  const layers = m.Layers.map((tarPath) => {
    const entries = byPath.get(tarPath) ?? byPath.get(aliases.get(tarPath) ?? '');
    if (!entries) throw new Error(`image export has no layer ${tarPath}`);
    return { tarPath, entries };
  });
  return { manifest: m, config: JSON.parse(configText) as ImageConfigFile, layers };
}

export interface FoundFile {
  size: number;
  type: EntryType;
  data: Buffer;
  truncated: boolean;
}

/**
 * Streams the export again up to one file of one layer tar and reads at most `limit` bytes of
 * it; the rest of the export is not read (the caller destroys the source).
 */
export async function findFileInExport(source: Readable, tarPath: string, filePath: string, limit: number): Promise<FoundFile | undefined> {
  const outer = tar.extract();
  source.on('error', (err) => outer.destroy(err));
  source.pipe(outer);
  const wanted = normalisePath(filePath);
  let layerPath = tarPath;
  for await (const entry of outer) {
    const name = entry.header.name.replace(/^\.\//, '');
    if (name === layerPath && entry.header.type === 'symlink' && entry.header.linkname) {
      layerPath = normalisePath(`${name.split('/').slice(0, -1).join('/')}/${entry.header.linkname}`).slice(1);
      entry.resume();
      continue;
    }
    if (name !== layerPath || entry.header.type !== 'file') {
      entry.resume();
      continue;
    }
    const inner = tar.extract();
    entry.pipe(inner);
    for await (const e of inner) {
      if (normalisePath(e.header.name) !== wanted) {
        e.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of e) {
        const b = chunk as Buffer;
        const room = limit - size;
        if (b.length >= room) {
          chunks.push(b.subarray(0, room));
          size += room;
          truncated = b.length > room || (e.header.size ?? 0) > limit;
          break;
        }
        chunks.push(b);
        size += b.length;
      }
      return { size: e.header.size ?? 0, type: entryType(e.header.type), data: Buffer.concat(chunks), truncated };
    }
    return undefined;
  }
  return undefined;
}
