import crypto from 'node:crypto';
import type { EngineCapabilities } from '@porthole/shared/health';
import type { EngineApi } from './engine-api.ts';

/**
 * What an engine's kernel does with `--blkio-weight`: the engine accepts it, and where the kernel
 * has no Block I/O weight it stores 0 and says so only once, in the warnings of the create
 * ("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight
 * discarded."); `GET /info` does not tell (Docker 20.10). So Porthole asks the way the docker CLI
 * learns it: it creates a container with a weight — never started, named and labelled as
 * Porthole's probe, removed at once — and reads the warnings. Once per engine while Porthole
 * runs; a failed probe is tried again on the next request.
 */
const PROBE_LABEL = 'porthole.probe';
const DISCARDED = /block i\/o weight|blkio weight/i;

const probes = new WeakMap<EngineApi, Promise<EngineCapabilities>>();

async function probe(engine: EngineApi): Promise<EngineCapabilities> {
  const images = await engine.listImages();
  const image = images.find((i) => (i.RepoTags ?? []).some((t) => t !== '<none>:<none>')) ?? images[0];
  if (!image) return { blkioWeight: { supported: null } };
  const created = await engine.createContainer(
    {
      Image: image.Id,
      Cmd: ['true'],
      Entrypoint: [],
      Labels: { [PROBE_LABEL]: 'capabilities' },
      HostConfig: { BlkioWeight: 10, NetworkMode: 'none' },
    },
    `porthole-capability-probe-${crypto.randomBytes(4).toString('hex')}`,
  );
  await engine.removeContainer(created.Id).catch(() => undefined);
  const warning = created.Warnings.find((w) => DISCARDED.test(w));
  return { blkioWeight: warning ? { supported: false, warning } : { supported: true } };
}

export function engineCapabilities(engine: EngineApi): Promise<EngineCapabilities> {
  let known = probes.get(engine);
  if (!known) {
    known = probe(engine);
    probes.set(engine, known);
    known.catch(() => probes.delete(engine));
  }
  return known;
}
