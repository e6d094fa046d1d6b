import fs from 'node:fs';
import path from 'node:path';
import type { EngineCreate } from '@porthole/shared/engines';
import { EngineCreate as EngineCreateSchema } from '@porthole/shared/schemas/engines';
import { Value } from '@sinclair/typebox/value';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../plugins/db.ts';
import { EngineRegistry } from './engine-registry.ts';
import { EngineStore } from './engine-store.ts';
import { SecretBox } from './secret-box.ts';

/**
 * The registry at start: the stored engines; `local` from `DOCKER_HOST` (created when there are no
 * engines yet, and following `DOCKER_HOST` afterwards); the engines `PORTHOLE_ENGINES` predefines
 * (created or replaced by id on every start).
 */
export function openEngineRegistry(config: Config, db: Db, log: FastifyBaseLogger): EngineRegistry {
  const store = new EngineStore(db, SecretBox.open(config.dataDir, config.secretKey));
  const registry = new EngineRegistry(store, { sshKnownHostsFile: path.join(config.dataDir, 'ssh_known_hosts') });
  registry.load();
  const local = registry.records().find((r) => r.id === 'local');
  if (!local && registry.records().length === 0) {
    registry.put({ id: 'local', name: 'local', host: config.dockerHost, allowInsecureTcp: true, colour: '#228be6' });
  } else if (local && local.host !== config.dockerHost) {
    log.info({ from: local.host, to: config.dockerHost }, 'engine "local" follows DOCKER_HOST');
    registry.put({ id: 'local', name: local.name, host: config.dockerHost, allowInsecureTcp: true });
  }
  for (const e of predefined(config.enginesSpec)) registry.put(e);
  return registry;
}

function predefined(spec: string | undefined): EngineCreate[] {
  if (!spec) return [];
  const text = /^\s*[[{]/.test(spec) ? spec : fs.readFileSync(spec, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`PORTHOLE_ENGINES is not JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((e, i) => {
    if (!Value.Check(EngineCreateSchema, e)) {
      const first = [...Value.Errors(EngineCreateSchema, e)][0];
      throw new Error(`PORTHOLE_ENGINES[${i}]: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`);
    }
    return e;
  });
}
