import type { IncomingMessage } from 'node:http';
import { type Duplex, Readable } from 'node:stream';
import { ApiError } from '../http/api-error.ts';
import { DEADLINE_MS, withDeadline } from './deadline.ts';
import type {
  CallOptions,
  ContainerInspect,
  ContainerListQuery,
  ContainerSummary,
  EngineApi,
  EngineVersion,
  ExecState,
  ImageHistoryEntry,
  ImageInspect,
  ImageSummary,
  NetworkInfo,
  PathStat,
  SwarmKind,
  SwarmObjectOf,
  SystemInfo,
  VolumeInfo,
} from './engine-api.ts';
import type { RawStats } from './stats.ts';

/** A container as unit tests describe it; the fake answers list and inspect from it. */
export interface FakeContainer {
  id: string;
  name: string;
  image?: string;
  state?: 'running' | 'exited' | 'paused' | 'created';
  labels?: Record<string, string>;
  tty?: boolean;
  health?: string;
  memory?: number;
}

type Impl<K extends keyof EngineApi> = EngineApi[K] extends (...args: infer A) => infer R ? (...args: A) => R : never;
type Method = Exclude<keyof EngineApi, 'id'>;

const NEVER = () => new Promise<never>(() => {});
/** The names the real client gives calls in its timeout messages. */
const WHAT: Partial<Record<Method, string>> = {
  inspectContainer: 'inspect',
  listContainers: 'container list',
  containerStats: 'stats sample',
  inspectImage: 'image inspect',
  pullImage: 'pull',
};

/**
 * The engine interface in memory, for unit tests of services and topics (integration tests use
 * the real engine). Containers come from `FakeContainer`s; any call can be replaced (`answer`),
 * made to hang (`hang`) or to fail (`fail`). Like the real engine it keeps every deadline: a call
 * that hangs rejects with "… timed out after N s".
 */
export class FakeEngine implements EngineApi {
  readonly calls: Array<[Method, ...unknown[]]> = [];
  private readonly impls = new Map<Method, (...args: never[]) => unknown>();

  constructor(
    readonly id = 'fake',
    public containers: FakeContainer[] = [],
  ) {}

  /** Replaces a call; `impl` gets the call's arguments (its deadline still applies). */
  answer<K extends Method>(method: K, impl: Impl<K>): this {
    this.impls.set(method, impl as (...args: never[]) => unknown);
    return this;
  }

  /** The call never answers when `when(args)` holds (every time without `when`). */
  hang<K extends Method>(method: K, when: (...args: Parameters<Impl<K>>) => boolean = () => true): this {
    const fallback = this.impls.get(method);
    return this.answer(method, ((...args: Parameters<Impl<K>>) =>
      when(...args) ? NEVER() : fallback ? fallback(...(args as unknown as never[])) : this.builtIn(method, args)) as Impl<K>);
  }

  /** The call rejects like the engine would (`fail('inspectContainer', 404, 'No such container')`). */
  fail<K extends Method>(method: K, status: number, message: string): this {
    return this.answer(method, (async () => {
      throw new ApiError(status, message);
    }) as unknown as Impl<K>);
  }

  private run<T>(method: Method, args: unknown[], o: CallOptions | undefined, ms: number): Promise<T> {
    this.calls.push([method, ...args]);
    const impl = this.impls.get(method);
    const work = () => (impl ? impl(...(args as never[])) : this.builtIn(method, args)) as Promise<T>;
    return withDeadline(o?.timeoutMs ?? ms, WHAT[method] ?? method, () => Promise.resolve().then(work), o?.signal);
  }

  private builtIn(method: Method, args: unknown[]): Promise<unknown> {
    const [first] = args as [unknown];
    switch (method) {
      case 'ping':
        return Promise.resolve();
      case 'listContainers':
        return Promise.resolve(this.list(first as ContainerListQuery | undefined));
      case 'inspectContainer':
        return Promise.resolve(this.inspect(first as string));
      case 'listImages':
      case 'listNetworks':
      case 'listVolumes':
        return Promise.resolve([]);
      case 'inspectVolume':
        return Promise.reject(new ApiError(404, `get ${String(first)}: no such volume`));
      default:
        return Promise.reject(new ApiError(501, `FakeEngine: no answer for ${method} (use answer())`));
    }
  }

  private find(ref: string): FakeContainer {
    const c = this.containers.find((x) => x.id === ref || x.id.startsWith(ref) || x.name === ref);
    if (!c) throw new ApiError(404, `No such container: ${ref}`);
    return c;
  }

  private list(q: ContainerListQuery = {}): ContainerSummary[] {
    const state = q.filters?.status;
    return this.containers
      .filter((c) => (state ? state.includes(c.state ?? 'running') : q.all || (c.state ?? 'running') === 'running'))
      .map(
        (c) =>
          ({
            Id: c.id,
            Names: [`/${c.name}`],
            Image: c.image ?? 'busybox',
            ImageID: `sha256:${c.image ?? 'busybox'}`,
            Command: 'sh',
            Created: 0,
            State: c.state ?? 'running',
            Status: c.state === 'exited' ? 'Exited (0)' : 'Up',
            Ports: [],
            Labels: c.labels ?? {},
            Mounts: [],
            HostConfig: { NetworkMode: 'bridge' },
            NetworkSettings: { Networks: {} },
          }) as unknown as ContainerSummary,
      );
  }

  private inspect(ref: string): ContainerInspect {
    const c = this.find(ref);
    const running = (c.state ?? 'running') === 'running';
    return {
      Id: c.id,
      Name: `/${c.name}`,
      Image: `sha256:${c.image ?? 'busybox'}`,
      State: {
        Status: c.state ?? 'running',
        Running: running,
        Paused: c.state === 'paused',
        ...(c.health ? { Health: { Status: c.health, FailingStreak: 0, Log: [] } } : {}),
      },
      Config: { Tty: c.tty ?? false, Labels: c.labels ?? {}, Image: c.image ?? 'busybox' },
      HostConfig: { Memory: c.memory ?? 0 },
      NetworkSettings: { Networks: {} },
      Mounts: [],
    } as unknown as ContainerInspect;
  }

  ping(o?: CallOptions): Promise<void> {
    return this.run('ping', [], o, DEADLINE_MS.ping);
  }
  swarmList<K extends SwarmKind>(kind: K, filters?: Record<string, string[]>, o?: CallOptions): Promise<SwarmObjectOf[K][]> {
    return this.run('swarmList', [kind, filters], o, DEADLINE_MS.read);
  }
  swarmCreate(kind: SwarmKind, spec: object, o?: CallOptions): Promise<string> {
    return this.run('swarmCreate', [kind, spec], o, DEADLINE_MS.change);
  }
  swarmRemove(kind: SwarmKind, id: string, o?: CallOptions): Promise<void> {
    return this.run('swarmRemove', [kind, id], o, DEADLINE_MS.change);
  }
  updateService(id: string, version: number, spec: object, o?: CallOptions): Promise<void> {
    return this.run('updateService', [id, version, spec], o, DEADLINE_MS.change);
  }
  serviceLogs(id: string, q: unknown, o?: CallOptions): Promise<Readable> {
    return this.run('serviceLogs', [id, q], o, DEADLINE_MS.connect);
  }
  version(o?: CallOptions): Promise<EngineVersion> {
    return this.run('version', [], o, DEADLINE_MS.read);
  }
  systemInfo(o?: CallOptions): Promise<SystemInfo> {
    return this.run('systemInfo', [], o, DEADLINE_MS.read);
  }
  listContainers(q?: ContainerListQuery, o?: CallOptions): Promise<ContainerSummary[]> {
    return this.run('listContainers', [q], o, DEADLINE_MS.read);
  }
  inspectContainer(id: string, o?: CallOptions): Promise<ContainerInspect> {
    return this.run('inspectContainer', [id], o, DEADLINE_MS.read);
  }
  containerStats(id: string, o?: CallOptions): Promise<RawStats> {
    return this.run('containerStats', [id], o, DEADLINE_MS.read);
  }
  containerStatsStream(id: string, o?: CallOptions): Promise<Readable> {
    return this.run('containerStatsStream', [id], o, DEADLINE_MS.connect);
  }
  createContainer(body: object, name?: string, o?: CallOptions): Promise<{ Id: string; Warnings: string[] }> {
    return this.run('createContainer', [body, name], o, DEADLINE_MS.change);
  }
  removeContainer(id: string, o?: CallOptions): Promise<void> {
    return this.run('removeContainer', [id], o, DEADLINE_MS.change);
  }
  updateContainer(id: string, body: unknown, o?: CallOptions): Promise<string[]> {
    return this.run('updateContainer', [id, body], o, DEADLINE_MS.change);
  }
  containerLogs(id: string, q: unknown, o?: CallOptions): Promise<Readable> {
    return this.run('containerLogs', [id, q], o, DEADLINE_MS.connect);
  }
  listImages(q?: { all?: boolean }, o?: CallOptions): Promise<ImageSummary[]> {
    return this.run('listImages', [q], o, DEADLINE_MS.read);
  }
  inspectImage(ref: string, o?: CallOptions): Promise<ImageInspect> {
    return this.run('inspectImage', [ref], o, DEADLINE_MS.read);
  }
  imageHistory(ref: string, o?: CallOptions): Promise<ImageHistoryEntry[]> {
    return this.run('imageHistory', [ref], o, DEADLINE_MS.read);
  }
  exportImage(ref: string, o?: CallOptions): Promise<Readable> {
    return this.run('exportImage', [ref], o, DEADLINE_MS.prepare);
  }
  pullImage(q: unknown, o?: CallOptions & { auth?: string }): Promise<Readable> {
    return this.run('pullImage', [q, o?.auth], o, DEADLINE_MS.prepare);
  }
  listNetworks(o?: CallOptions): Promise<NetworkInfo[]> {
    return this.run('listNetworks', [], o, DEADLINE_MS.read);
  }
  listVolumes(o?: CallOptions): Promise<VolumeInfo[]> {
    return this.run('listVolumes', [], o, DEADLINE_MS.read);
  }
  inspectVolume(name: string, o?: CallOptions): Promise<VolumeInfo> {
    return this.run('inspectVolume', [name], o, DEADLINE_MS.read);
  }
  events(q: unknown, o?: CallOptions): Promise<Readable> {
    return this.run('events', [q], o, DEADLINE_MS.connect);
  }
  statPath(id: string, path: string, o?: CallOptions): Promise<PathStat> {
    return this.run('statPath', [id, path], o, DEADLINE_MS.connect);
  }
  getArchive(id: string, path: string, o?: CallOptions): Promise<IncomingMessage> {
    return this.run('getArchive', [id, path], o, DEADLINE_MS.connect);
  }
  putArchive(id: string, dir: string, archive: Readable, o: { idleMs: number; signal?: AbortSignal }): Promise<void> {
    return this.run('putArchive', [id, dir, archive], { signal: o.signal }, o.idleMs);
  }
  createExec(container: string, config: unknown, o?: CallOptions): Promise<string> {
    return this.run('createExec', [container, config], o, DEADLINE_MS.change);
  }
  startExec(execId: string, q: { tty: boolean }, o?: CallOptions): Promise<Duplex> {
    return this.run('startExec', [execId, q], o, DEADLINE_MS.connect);
  }
  resizeExec(execId: string, size: { cols: number; rows: number }, o?: CallOptions): Promise<void> {
    return this.run('resizeExec', [execId, size], o, DEADLINE_MS.change);
  }
  inspectExec(execId: string, o?: CallOptions): Promise<ExecState> {
    return this.run('inspectExec', [execId], o, DEADLINE_MS.read);
  }
}

/** A stream of newline-delimited JSON values, as the engine sends progress, stats and events. */
export function ndjsonStream(values: unknown[]): Readable {
  return Readable.from(values.map((v) => `${JSON.stringify(v)}\n`));
}
