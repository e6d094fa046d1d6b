import type { EngineInfo } from '@porthole/shared/engines';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../lib/docker/containers.ts';
import { NAV_ITEMS } from './nav-items.ts';
import { paletteItems } from './palette-items.ts';

const container = (id: string, name: string, state: string) => ({ Id: id, Names: [`/${name}`], State: state }) as ContainerSummary;
const engine = (id: string, name: string) => ({ id, name }) as EngineInfo;

describe('paletteItems', () => {
  const base = {
    engine: 'local',
    pathname: '/engines/local/images/abc',
    nav: NAV_ITEMS,
    engines: [engine('local', 'Local'), engine('lab', 'Lab B')],
    containers: [container('c1', 'web', 'running'), container('c2', 'db', 'exited')],
    canCreate: true,
    canTerminal: true,
  };

  it('has the views, the actions and each container with its live views, under the current engine', () => {
    const items = paletteItems(base);
    const by = (label: string) => items.find((i) => i.label === label)?.to;
    expect(by('Containers')).toBe('/engines/local/containers');
    expect(by('Settings')).toBe('/settings');
    expect(by('New container')).toBe('/engines/local/containers/new');
    expect(by('web · Logs')).toBe('/engines/local/containers/c1/logs');
    expect(by('web · Terminal')).toBe('/engines/local/containers/c1/terminal');
    // No terminal into a stopped container.
    expect(by('db · Terminal')).toBeUndefined();
    expect(by('db')).toBe('/engines/local/containers/c2');
  });

  it('switches to each other engine, keeping the view', () => {
    const items = paletteItems(base);
    expect(items.filter((i) => i.label.startsWith('Switch engine')).map((i) => [i.label, i.to])).toEqual([
      ['Switch engine: Lab B', '/engines/lab/images'],
    ]);
  });

  it('leaves out what the role may not do', () => {
    const items = paletteItems({ ...base, canCreate: false, canTerminal: false });
    expect(items.some((i) => i.label === 'New container' || i.label.endsWith('· Terminal'))).toBe(false);
  });
});
