import type { EngineInfo } from '@porthole/shared/engines';
import type { ContainerSummary } from '../lib/docker/containers.ts';
import type { ImageSummary } from '../lib/docker/image-list.ts';
import type { Network } from '../lib/docker/networks.ts';
import type { Volume } from '../lib/docker/volumes.ts';
import { enginePath, switchedPath } from '../lib/engine-paths.tsx';
import { shortId } from '../lib/format.ts';
import type { NavItem } from './nav-items.ts';

/** One entry of the command palette: what it says, what kind of thing it is, where it leads. */
export interface PaletteItem {
  id: string;
  label: string;
  kind: 'View' | 'Action' | 'Container' | 'Image' | 'Network' | 'Volume';
  /** A full app path (with the engine). */
  to: string;
}

export interface PaletteSources {
  engine: string;
  /** The current path (switching engine keeps the view). */
  pathname: string;
  nav: NavItem[];
  engines?: EngineInfo[];
  containers?: ContainerSummary[];
  images?: ImageSummary[];
  networks?: Network[];
  volumes?: Volume[];
  canCreate: boolean;
  canTerminal: boolean;
}

const CONTAINER_VIEWS = [
  { path: 'logs', label: 'Logs' },
  { path: 'stats', label: 'Stats' },
  { path: 'terminal', label: 'Terminal' },
] as const;

const containerName = (c: ContainerSummary) => (c.Names?.[0] ?? shortId(c.Id)).replace(/^\//, '');

/** Every entry, in the order shown for an empty query: views, actions, then the engine's objects. */
export function paletteItems(s: PaletteSources): PaletteItem[] {
  const at = (path: string) => enginePath(s.engine, path);
  const items: PaletteItem[] = s.nav.map((n) => ({ id: `view:${n.to}`, label: n.label, kind: 'View', to: at(n.to) }));
  if (s.canCreate) items.push({ id: 'action:new-container', label: 'New container', kind: 'Action', to: at('/containers/new') });
  for (const e of s.engines ?? []) {
    if (e.id !== s.engine)
      items.push({ id: `engine:${e.id}`, label: `Switch engine: ${e.name}`, kind: 'Action', to: switchedPath(s.pathname, e.id) });
  }
  for (const c of s.containers ?? []) {
    const name = containerName(c);
    const base = `/containers/${encodeURIComponent(c.Id)}`;
    items.push({ id: `container:${c.Id}`, label: name, kind: 'Container', to: at(base) });
    for (const v of CONTAINER_VIEWS) {
      if (v.path === 'terminal' && (!s.canTerminal || c.State !== 'running')) continue;
      items.push({ id: `container:${c.Id}:${v.path}`, label: `${name} · ${v.label}`, kind: 'Container', to: at(`${base}/${v.path}`) });
    }
  }
  for (const i of s.images ?? []) {
    const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    const label = tags.length ? tags.join(', ') : shortId(i.Id);
    items.push({ id: `image:${i.Id}`, label, kind: 'Image', to: at(`/images/${encodeURIComponent(shortId(i.Id))}/overview`) });
  }
  for (const n of s.networks ?? []) items.push({ id: `network:${n.Id}`, label: n.Name, kind: 'Network', to: at(`/networks/${n.Id}`) });
  for (const v of s.volumes ?? [])
    items.push({ id: `volume:${v.Name}`, label: v.Name, kind: 'Volume', to: at(`/volumes/${encodeURIComponent(v.Name)}`) });
  return items;
}
