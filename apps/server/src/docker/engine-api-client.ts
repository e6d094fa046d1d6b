import type http from 'node:http';
import type net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { DEADLINE_MS } from './deadline.ts';
import type {
  CallOptions,
  ContainerInspect,
  ContainerListQuery,
  ContainerSummary,
  ContainerUpdate,
  EngineApi,
  EngineVersion,
  EventsQuery,
  ExecConfig,
  ExecState,
  ImageHistoryEntry,
  ImageInspect,
  ImageSummary,
  LogRequest,
  NetworkInfo,
  PathStat,
  PullQuery,
  SwarmKind,
  SwarmObjectOf,
  SystemInfo,
  UploadOptions,
  VolumeInfo,
} from './engine-api.ts';
import { type EngineCall, engineJson, engineRawStream, engineStream, engineUpgrade, engineUpload } from './engine-http.ts';
import type { RawStats } from './stats.ts';

const enc = encodeURIComponent;
const filters = (f: Record<string, string[]> | undefined) => (f && Object.keys(f).length ? JSON.stringify(f) : undefined);

/**
 * The engine interface over the engine's own HTTP API: the one place on the server that knows
 * Engine API paths (besides the proxy, which relays whatever the client asks). `Engine` extends
 * it with the transport (`request`).
 */
export abstract class EngineApiClient implements EngineApi {
  abstract readonly id: string;
  abstract request(options: http.RequestOptions): http.ClientRequest;
  abstract connect(): net.Socket;

  private json<T>(call: EngineCall, ms: number, o: CallOptions = {}): Promise<T> {
    return engineJson<T>(this, call, o.timeoutMs ?? ms, o.signal);
  }

  private stream(call: EngineCall, o: CallOptions = {}, ms: number = DEADLINE_MS.connect): Promise<IncomingMessage> {
    return engineStream(this, call, o.signal, o.timeoutMs ?? ms);
  }

  async ping(o?: CallOptions): Promise<void> {
    await this.json({ path: '/_ping', what: 'ping' }, DEADLINE_MS.ping, o);
  }

  swarmList<K extends SwarmKind>(kind: K, f?: Record<string, string[]>, o?: CallOptions): Promise<SwarmObjectOf[K][]> {
    const query = { filters: filters(f), status: kind === 'services' ? 1 : undefined };
    return this.json({ path: `/${kind}`, query, what: `${kind} list` }, DEADLINE_MS.read, o);
  }

  async swarmCreate(kind: SwarmKind, spec: object, o?: CallOptions): Promise<string> {
    const created = await this.json<{ ID?: string; Id?: string }>(
      { method: 'POST', path: `/${kind}/create`, body: spec, what: `${kind} create` },
      DEADLINE_MS.change,
      o,
    );
    return created.ID ?? created.Id ?? '';
  }

  async swarmRemove(kind: SwarmKind, id: string, o?: CallOptions): Promise<void> {
    await this.json({ method: 'DELETE', path: `/${kind}/${enc(id)}`, what: `${kind} remove` }, DEADLINE_MS.change, o);
  }

  async updateService(id: string, version: number, spec: object, o?: CallOptions): Promise<void> {
    await this.json(
      { method: 'POST', path: `/services/${enc(id)}/update`, query: { version }, body: spec, what: 'service update' },
      DEADLINE_MS.change,
      o,
    );
  }

  serviceLogs(id: string, q: LogRequest & { details?: boolean }, o?: CallOptions): Promise<Readable> {
    const query = {
      follow: q.follow ? 1 : undefined,
      stdout: 1,
      stderr: 1,
      timestamps: 1,
      details: q.details ? 1 : undefined,
      tail: q.tail,
      since: q.since,
    };
    return this.stream({ path: `/services/${enc(id)}/logs`, query, what: 'service logs' }, o);
  }

  version(o?: CallOptions): Promise<EngineVersion> {
    return this.json({ path: '/version', what: 'version' }, DEADLINE_MS.read, o);
  }

  systemInfo(o?: CallOptions): Promise<SystemInfo> {
    return this.json({ path: '/info', what: 'info' }, DEADLINE_MS.read, o);
  }

  listContainers(q: ContainerListQuery = {}, o?: CallOptions): Promise<ContainerSummary[]> {
    const query = { all: q.all ? 1 : undefined, filters: filters(q.filters) };
    return this.json({ path: '/containers/json', query, what: 'container list' }, DEADLINE_MS.read, o);
  }

  inspectContainer(id: string, o?: CallOptions): Promise<ContainerInspect> {
    return this.json({ path: `/containers/${enc(id)}/json`, what: 'inspect' }, DEADLINE_MS.read, o);
  }

  containerStats(id: string, o?: CallOptions): Promise<RawStats> {
    const query = { stream: false, 'one-shot': true };
    return this.json({ path: `/containers/${enc(id)}/stats`, query, what: 'stats sample' }, DEADLINE_MS.read, o);
  }

  containerStatsStream(id: string, o?: CallOptions): Promise<Readable> {
    return this.stream({ path: `/containers/${enc(id)}/stats`, query: { stream: true }, what: 'stats stream' }, o);
  }

  async createContainer(body: object, name?: string, o?: CallOptions): Promise<{ Id: string; Warnings: string[] }> {
    const call = { method: 'POST', path: '/containers/create', query: { name }, body, what: 'container create' };
    const created = await this.json<{ Id: string; Warnings?: string[] | null }>(call, DEADLINE_MS.change, o);
    return { Id: created.Id, Warnings: created.Warnings ?? [] };
  }

  async removeContainer(id: string, o?: CallOptions): Promise<void> {
    const call = { method: 'DELETE', path: `/containers/${enc(id)}`, query: { force: 1, v: 1 }, what: 'container remove' };
    await this.json(call, DEADLINE_MS.change, o);
  }

  async updateContainer(id: string, body: ContainerUpdate, o?: CallOptions): Promise<string[]> {
    const call = { method: 'POST', path: `/containers/${enc(id)}/update`, body, what: 'container update' };
    return (await this.json<{ Warnings?: string[] | null }>(call, DEADLINE_MS.change, o)).Warnings ?? [];
  }

  containerLogs(id: string, q: LogRequest, o: CallOptions = {}): Promise<Readable> {
    const query = {
      follow: q.follow ? 1 : 0,
      stdout: q.stdout === false ? 0 : 1,
      stderr: q.stderr === false ? 0 : 1,
      timestamps: 1,
      tail: q.tail === undefined ? 'all' : String(q.tail),
      since: q.since,
      until: q.until,
    };
    const call = { path: `/containers/${enc(id)}/logs`, query, what: 'log stream' };
    return engineRawStream(this, call, o.signal, o.timeoutMs ?? DEADLINE_MS.connect);
  }

  listImages(q: { all?: boolean } = {}, o?: CallOptions): Promise<ImageSummary[]> {
    return this.json({ path: '/images/json', query: { all: q.all ? 1 : undefined }, what: 'image list' }, DEADLINE_MS.read, o);
  }

  inspectImage(ref: string, o?: CallOptions): Promise<ImageInspect> {
    return this.json({ path: `/images/${enc(ref)}/json`, what: 'image inspect' }, DEADLINE_MS.read, o);
  }

  imageHistory(ref: string, o?: CallOptions): Promise<ImageHistoryEntry[]> {
    return this.json({ path: `/images/${enc(ref)}/history`, what: 'image history' }, DEADLINE_MS.read, o);
  }

  exportImage(ref: string, o?: CallOptions): Promise<Readable> {
    return this.stream({ path: `/images/${enc(ref)}/get`, what: 'image export' }, o, DEADLINE_MS.prepare);
  }

  pullImage(q: PullQuery, o: CallOptions & { auth?: string } = {}): Promise<Readable> {
    const query = { fromImage: q.image, tag: q.tag ?? 'latest', platform: q.platform };
    const headers = o.auth ? { 'x-registry-auth': o.auth } : undefined;
    return this.stream({ method: 'POST', path: '/images/create', query, headers, what: 'pull' }, o, DEADLINE_MS.prepare);
  }

  listNetworks(o?: CallOptions): Promise<NetworkInfo[]> {
    return this.json({ path: '/networks', what: 'network list' }, DEADLINE_MS.read, o);
  }

  async listVolumes(o?: CallOptions): Promise<VolumeInfo[]> {
    const answer = await this.json<{ Volumes: VolumeInfo[] | null }>({ path: '/volumes', what: 'volume list' }, DEADLINE_MS.read, o);
    return answer.Volumes ?? [];
  }

  inspectVolume(name: string, o?: CallOptions): Promise<VolumeInfo> {
    return this.json({ path: `/volumes/${enc(name)}`, what: 'volume inspect' }, DEADLINE_MS.read, o);
  }

  events(q: EventsQuery, o?: CallOptions): Promise<Readable> {
    const query = { since: q.since, until: q.until, filters: filters(q.filters) };
    return this.stream({ path: '/events', query, what: 'event stream' }, o);
  }

  async statPath(id: string, path: string, o?: CallOptions): Promise<PathStat> {
    const res = await this.stream({ method: 'HEAD', path: `/containers/${enc(id)}/archive`, query: { path }, what: 'path stat' }, o);
    res.resume();
    const header = res.headers['x-docker-container-path-stat'];
    const stat = JSON.parse(Buffer.from(String(header), 'base64').toString('utf8')) as Omit<PathStat, 'isDir'>;
    return { ...stat, isDir: (stat.mode & 0x80000000) !== 0 };
  }

  getArchive(id: string, path: string, o?: CallOptions): Promise<IncomingMessage> {
    return this.stream({ path: `/containers/${enc(id)}/archive`, query: { path }, what: 'archive' }, o);
  }

  putArchive(id: string, dir: string, archive: Readable, o: UploadOptions): Promise<void> {
    const headers = { 'content-type': 'application/x-tar', ...(o.length !== undefined ? { 'content-length': String(o.length) } : {}) };
    const query = { path: dir, noOverwriteDirNonDir: 1 };
    return engineUpload(this, { method: 'PUT', path: `/containers/${enc(id)}/archive`, query, headers, body: archive, what: 'upload' }, o);
  }

  async createExec(container: string, config: ExecConfig, o?: CallOptions): Promise<string> {
    const call = { method: 'POST', path: `/containers/${enc(container)}/exec`, body: config, what: 'exec create' };
    return (await this.json<{ Id: string }>(call, DEADLINE_MS.change, o)).Id;
  }

  startExec(execId: string, q: { tty: boolean }, o: CallOptions = {}): Promise<Duplex> {
    const call = { path: `/exec/${enc(execId)}/start`, body: { Detach: false, Tty: q.tty }, what: 'exec start' };
    return engineUpgrade(this, call, o.timeoutMs ?? DEADLINE_MS.connect);
  }

  async resizeExec(execId: string, size: { cols: number; rows: number }, o?: CallOptions): Promise<void> {
    const call = { method: 'POST', path: `/exec/${enc(execId)}/resize`, query: { h: size.rows, w: size.cols }, what: 'exec resize' };
    await this.json(call, DEADLINE_MS.change, o);
  }

  async inspectExec(execId: string, o?: CallOptions): Promise<ExecState> {
    const info = await this.json<{ Running: boolean; ExitCode: number | null; ContainerID: string }>(
      { path: `/exec/${enc(execId)}/json`, what: 'exec inspect' },
      DEADLINE_MS.read,
      o,
    );
    return { Running: info.Running, ExitCode: info.ExitCode ?? null, ContainerID: info.ContainerID };
  }
}
