import type { EngineCreate, EngineUpdate } from '@porthole/shared/engines';
import { Engine, type EngineOptions } from '../docker/engine.ts';
import { ApiError } from '../http/api-error.ts';
import { recordFromCreate, recordWithUpdate, slugOf } from './engine-input.ts';
import type { EngineRecord, EngineStore } from './engine-store.ts';

type Listener = (engine: Engine) => void;

/**
 * The engines Porthole talks to: their records (kept in the `engines` table when there is a
 * store) and one open `Engine` each. Changing an engine's address or keys replaces its `Engine`:
 * listeners close what the old one had open (pooled sockets, live upstreams, stats sampling).
 */
export class EngineRegistry {
  private readonly entries = new Map<string, { record: EngineRecord; engine: Engine }>();
  private readonly addedListeners: Listener[] = [];
  private readonly removedListeners: Listener[] = [];

  constructor(
    private readonly store?: EngineStore,
    private readonly engineOptions: EngineOptions = {},
  ) {}

  /** Opens every stored engine. */
  load(): void {
    for (const record of this.store?.list() ?? []) this.save(record, false);
  }

  /** Adds an engine that is not stored (tests); replaces one with the same id. */
  add(engine: Engine, record?: EngineRecord): void {
    const rec = record ?? { id: engine.id, name: engine.id, colour: '#228be6', host: engine.dockerHost, allowInsecureTcp: true };
    this.drop(engine.id);
    this.entries.set(engine.id, { record: rec, engine });
    for (const l of this.addedListeners) l(engine);
  }

  onAdded(l: Listener): void {
    this.addedListeners.push(l);
  }

  onRemoved(l: Listener): void {
    this.removedListeners.push(l);
  }

  get(id: string): Engine | undefined {
    return this.entries.get(id)?.engine;
  }

  /** The engine with this id, or the one "unknown engine" error (404) every route and socket answers. */
  require(id: string): Engine {
    const engine = this.entries.get(id)?.engine;
    if (!engine) throw new ApiError(404, `Unknown engine "${id}"`);
    return engine;
  }

  list(): Engine[] {
    return [...this.entries.values()].map((e) => e.engine);
  }

  records(): EngineRecord[] {
    return [...this.entries.values()].map((e) => e.record);
  }

  record(id: string): EngineRecord {
    const entry = this.entries.get(id);
    if (!entry) throw new ApiError(404, `Unknown engine "${id}"`);
    return entry.record;
  }

  create(input: EngineCreate): EngineRecord {
    const rec = recordFromCreate(input, this.entries.size);
    if (this.entries.has(rec.id)) throw new ApiError(409, `An engine with the id "${rec.id}" exists already`);
    this.checkNameFree(rec);
    this.save(rec);
    return rec;
  }

  update(id: string, patch: EngineUpdate): EngineRecord {
    const rec = recordWithUpdate(this.record(id), patch);
    this.checkNameFree(rec);
    this.save(rec);
    return rec;
  }

  /** Creates or replaces (setups that predefine engines: `PORTHOLE_ENGINES`, `DOCKER_HOST`). */
  put(input: EngineCreate): EngineRecord {
    const existing = this.entries.get(input.id ?? slugOf(input.name));
    const rec = existing ? recordWithUpdate(existing.record, input) : recordFromCreate(input, this.entries.size);
    this.save(rec);
    return rec;
  }

  remove(id: string): void {
    this.record(id);
    this.store?.remove(id);
    this.drop(id);
  }

  close(): void {
    for (const { engine } of this.entries.values()) engine.close();
  }

  /** Stores the record (unless it came from the store) and opens its engine in place of the old one. */
  private save(rec: EngineRecord, persist = true): void {
    const engine = this.build(rec);
    if (persist) this.store?.save(rec);
    this.add(engine, rec);
  }

  private build(rec: EngineRecord): Engine {
    const endpoint = {
      host: rec.host,
      tls: rec.tls,
      ssh: rec.ssh?.privateKey ? { privateKey: rec.ssh.privateKey, knownHosts: rec.ssh.knownHosts } : undefined,
    };
    try {
      return new Engine(rec.id, endpoint, this.engineOptions);
    } catch (err) {
      throw new ApiError(400, `Engine "${rec.name}": ${(err as Error).message}`);
    }
  }

  private drop(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    for (const l of this.removedListeners) l(old.engine);
    old.engine.close();
  }

  private checkNameFree(rec: EngineRecord): void {
    for (const { record } of this.entries.values()) {
      if (record.id !== rec.id && record.name.toLowerCase() === rec.name.toLowerCase()) {
        throw new ApiError(409, `An engine named "${rec.name}" exists already`);
      }
    }
  }
}
