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
});
