import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/docker/containers.ts';
import type { Network } from '../../lib/docker/networks.ts';
import { layoutTopology } from './layout.ts';

const network = (name: string, internal = false): Network => ({
  Name: name,
  Id: `id-${name}`,
  Created: '',
  Scope: 'local',
  Driver: 'bridge',
  EnableIPv6: false,
  Internal: internal,
  Attachable: false,
  Ingress: false,
  IPAM: { Driver: 'default', Config: [] },
});

const container = (name: string, nets: Record<string, string[]>, ports: ContainerSummary['Ports'] = []): ContainerSummary => ({
  Id: `${name}-id`,
  Names: [`/${name}`],
  Image: 'busybox',
  ImageID: 'sha256:busybox',
  Command: 'sh',
  Created: 0,
  Labels: {},
  State: 'running',
  Status: 'Up',
  Ports: ports,
  Mounts: [],
  NetworkSettings: {
    Networks: Object.fromEntries(
      Object.entries(nets).map(([n, aliases]) => [n, { NetworkID: `id-${n}`, IPAddress: '', Aliases: aliases }]),
    ),
  },
});

describe('layoutTopology', () => {
  it('Lab 2: app bridges frontend and backend with alias api, web publishes a port', () => {
    const t = layoutTopology(
      [network('frontend'), network('backend', true), network('host'), network('none')],
      [
        container('database', { backend: [] }),
        container('app', { frontend: [], backend: ['api', 'app-id'] }),
        container('web', { frontend: [] }, [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]),
      ],
    );
    expect(t.networks.map((n) => n.name)).toEqual(['backend', 'frontend']);
    expect(t.networks.find((n) => n.name === 'backend')?.internal).toBe(true);
    const app = t.containers.find((c) => c.name === 'app');
    expect(app?.parent).toBeUndefined();
    expect(t.edges).toContainEqual(expect.objectContaining({ id: 'e:app:backend', label: 'api' }));
    expect(t.edges).toContainEqual(expect.objectContaining({ id: 'e:app:frontend' }));
    expect(t.edges).toContainEqual(expect.objectContaining({ id: 'p:web', target: 'host', label: '127.0.0.1:8080→80/tcp' }));
    expect(t.containers.find((c) => c.name === 'database')?.parent).toBe('n:backend');
  });

  it('is deterministic and keeps 50 containers on 8 networks apart', () => {
    const nets = Array.from({ length: 8 }, (_, i) => network(`net${i}`));
    const cs = Array.from({ length: 50 }, (_, i) =>
      container(`c${i}`, i >= 42 ? { [`net${i % 8}`]: [], [`net${(i + 3) % 8}`]: [] } : { [`net${i % 8}`]: [] }),
    );
    const a = layoutTopology(nets, cs);
    expect(layoutTopology(nets, [...cs].reverse())).toEqual(a);
    const abs = a.containers.map((c) => {
      const g = a.networks.find((n) => n.id === c.parent);
      return { x: c.x + (g?.x ?? 0), y: c.y + (g?.y ?? 0) };
    });
    for (let i = 0; i < abs.length; i++)
      for (let j = i + 1; j < abs.length; j++) {
        const p = abs[i] as { x: number; y: number };
        const q = abs[j] as { x: number; y: number };
        expect(Math.abs(p.x - q.x) >= 190 || Math.abs(p.y - q.y) >= 52).toBe(true);
      }
  });

  it('routes every edge through the gutters: no segment crosses a box it does not connect', () => {
    const nets = Array.from({ length: 8 }, (_, i) => network(`net${i}`));
    const port = (p: number): ContainerSummary['Ports'] => [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: p, Type: 'tcp' }];
    const cs = Array.from({ length: 50 }, (_, i) =>
      container(
        `c${String(i).padStart(2, '0')}`,
        i >= 42 ? { [`net${i % 8}`]: [], [`net${(i + 3) % 8}`]: [] } : { [`net${i % 8}`]: [] },
        i % 5 === 0 && i < 42 ? port(8000 + i) : [],
      ),
    );
    const t = layoutTopology(nets, cs, '', {
      nodes: ['node-a', 'node-b'],
      spans: { net0: ['node-a', 'node-b'], net4: ['node-b'], net7: ['node-a'] },
    });
    expect(t.swarmNodes.map((n) => n.name)).toEqual(['node-a', 'node-b']);
    expect(t.edges.filter((e) => e.kind === 'overlay').map((e) => e.id)).toEqual([
      'o:net0:node-a',
      'o:net0:node-b',
      'o:net4:node-b',
      'o:net7:node-a',
    ]);
    type Box = { id: string; x: number; y: number; w: number; h: number };
    const groups: Box[] = t.networks.map((n) => ({ id: n.id, x: n.x, y: n.y, w: n.width, h: n.height }));
    const boxes: Box[] = t.containers.map((c) => {
      const g = t.networks.find((n) => n.id === c.parent);
      return { id: `c:${c.name}`, x: c.x + (g?.x ?? 0), y: c.y + (g?.y ?? 0), w: 190, h: 52 };
    });
    for (const n of t.swarmNodes) boxes.push({ id: n.id, x: n.x, y: n.y, w: 190, h: 52 });
    // A segment enters a box when it passes through its inside (touching its border is arriving).
    const crosses = (a: { x: number; y: number }, b: { x: number; y: number }, r: Box) => {
      const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
      const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
      return x1 < r.x + r.w - 1 && x2 > r.x + 1 && y1 < r.y + r.h - 1 && y2 > r.y + 1;
    };
    const routed = t.edges.filter((e) => e.route);
    expect(routed.filter((e) => e.kind === 'network')).toHaveLength(16);
    expect(routed.filter((e) => e.kind === 'port').length).toBeGreaterThanOrEqual(8);
    for (const e of routed) {
      const pts = e.route ?? [];
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1] as { x: number; y: number };
        const b = pts[i] as { x: number; y: number };
        expect(a.x === b.x || a.y === b.y, `${e.id} segment ${i} is not straight`).toBe(true);
        for (const box of boxes)
          if (box.id !== e.source && box.id !== e.target) expect(crosses(a, b, box), `${e.id} crosses ${box.id}`).toBe(false);
        // Its own network's box it only enters at the last point (or leaves from it: a port edge's container is inside).
        const own = (id: string) =>
          id === e.target || id === e.source || t.containers.find((c) => `c:${c.name}` === e.source)?.parent === id;
        for (const g of groups) if (!own(g.id)) expect(crosses(a, b, g), `${e.id} crosses ${g.id}`).toBe(false);
      }
    }
  });
});
