import type { PortConfig, SwarmService } from '../../lib/docker/swarm.ts';

/** How a service's row reads: mode, replicas, ports, update state. */
export const serviceMode = (s: SwarmService) => (s.Spec.Mode.Global ? 'global' : 'replicated');
export const desiredReplicas = (s: SwarmService) => s.Spec.Mode.Replicated?.Replicas ?? 0;
export const replicasText = (s: SwarmService) =>
  `${s.ServiceStatus?.RunningTasks ?? '?'}/${s.ServiceStatus?.DesiredTasks ?? desiredReplicas(s)}`;
export const portsText = (ports: PortConfig[] | undefined) =>
  (ports ?? []).map((p) => `${p.PublishedPort ?? ''}:${p.TargetPort}/${p.Protocol ?? 'tcp'}`).join(', ') || '—';
/** The image without the digest the swarm pins (`busybox:1@sha256:…` → `busybox:1`). */
export const shortImage = (image: string) => image.split('@')[0] ?? image;
