import type { EngineEvent } from '@porthole/shared/live';
import { useQueryClient } from '@tanstack/react-query';
import { useEngine, useEngineEvents } from '../../lib/engine-status.tsx';
import { type ContainerSummary, containerKeys } from '../../lib/docker/containers.ts';
import type { ContainerRow } from '../../lib/docker/container-details.ts';

/**
 * Applies an engine event to the cached container list at once: on a busy engine the refetch the
 * event also triggers (list + inspects) can take a while, but connect, disconnect, start, stop and
 * destroy say exactly what changed. `create` (and the details, e.g. addresses) come with the refetch.
 */
export function patchContainers(list: ContainerSummary[], e: EngineEvent): ContainerSummary[] {
  if (e.Type === 'network' && (e.Action === 'connect' || e.Action === 'disconnect')) {
    const cid = e.Actor.Attributes.container;
    const network = e.Actor.Attributes.name;
    if (!cid || !network) return list;
    return list.map((c) => {
      if (c.Id !== cid) return c;
      const nets = { ...c.NetworkSettings.Networks };
      if (e.Action === 'disconnect') delete nets[network];
      else nets[network] ??= { NetworkID: e.Actor.ID, IPAddress: '', Aliases: null };
      return { ...c, NetworkSettings: { ...c.NetworkSettings, Networks: nets } };
    });
  }
  if (e.Type === 'container') {
    if (e.Action === 'destroy') return list.filter((c) => c.Id !== e.Actor.ID);
    const state =
      e.Action === 'start' || e.Action === 'unpause'
        ? 'running'
        : e.Action === 'die' || e.Action === 'stop'
          ? 'exited'
          : e.Action === 'pause'
            ? 'paused'
            : undefined;
    if (state) return list.map((c) => (c.Id === e.Actor.ID ? { ...c, State: state } : c));
  }
  return list;
}

/** `patchContainers` on the rows of the details cache (a destroyed container's row goes). */
function patchRows(rows: ContainerRow[], e: EngineEvent): ContainerRow[] {
  const patched = new Map(
    patchContainers(
      rows.map((r) => r.summary),
      e,
    ).map((s) => [s.Id, s]),
  );
  return rows.flatMap((r) => {
    const summary = patched.get(r.summary.Id);
    return summary ? [summary === r.summary ? r : { ...r, summary }] : [];
  });
}

export function useLiveContainerPatches(): void {
  const engine = useEngine();
  const client = useQueryClient();
  useEngineEvents((e) => {
    client.setQueryData<ContainerRow[]>(containerKeys.details(engine), (old) => (old ? patchRows(old, e) : old));
  });
}
