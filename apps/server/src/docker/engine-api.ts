import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import type { ImageHistoryEntry } from '@porthole/shared/image-history';
import type Docker from 'dockerode';
import type { RawStats } from './stats.ts';

/**
 * The narrow engine interface: the Engine API calls Porthole itself makes, typed. Services,
 * routes and live topics depend on this, never on dockerode or on an Engine API path; `Engine`
 * implements it over the engine's socket (`engine-api-client.ts`), `FakeEngine` in memory for
 * unit tests. (The Engine API proxy is the one exception: it relays raw bytes.)
 *
 * Every call has a deadline (`DEADLINE_MS`): a call that returns a value settles within its
 * class's deadline or rejects with a 504 `ApiError` ("inspect timed out after 10 s"); a stream
 * must have started within the connect deadline and then runs as long as it is read. Engine
 * errors reject with an `ApiError` carrying the engine's status and message.
 */
export interface EngineApi {
  readonly id: string;

  ping(o?: CallOptions): Promise<void>;
  /** Swarm objects (a manager only): list by filters, create from a spec, remove. */
  swarmList<K extends SwarmKind>(kind: K, filters?: Record<string, string[]>, o?: CallOptions): Promise<SwarmObjectOf[K][]>;
  swarmCreate(kind: SwarmKind, spec: object, o?: CallOptions): Promise<string>;
  swarmRemove(kind: SwarmKind, id: string, o?: CallOptions): Promise<void>;
  /** `POST /services/{id}/update?version=` */
  updateService(id: string, version: number, spec: object, o?: CallOptions): Promise<void>;
  /** `GET /services/{id}/logs` (multiplexed like a container's without a TTY; `details` gives task and node). */
  serviceLogs(id: string, q: LogRequest & { details?: boolean }, o?: CallOptions): Promise<Readable>;
  /** `GET /version` */
  version(o?: CallOptions): Promise<EngineVersion>;
  /** `GET /info`: counts, OS, architecture, Swarm state. */
  systemInfo(o?: CallOptions): Promise<SystemInfo>;

  listContainers(q?: ContainerListQuery, o?: CallOptions): Promise<ContainerSummary[]>;
  inspectContainer(id: string, o?: CallOptions): Promise<ContainerInspect>;
  /** One stats sample (`stream=false&one-shot=true`: no second of waiting). */
  containerStats(id: string, o?: CallOptions): Promise<RawStats>;
  /** `GET /containers/{id}/stats?stream=1`: newline-delimited JSON frames, one a second. */
  containerStatsStream(id: string, o?: CallOptions): Promise<Readable>;
  /** `POST /containers/create`: the new container's id and the engine's warnings (never started here). */
  createContainer(body: object, name?: string, o?: CallOptions): Promise<{ Id: string; Warnings: string[] }>;
  /** `DELETE /containers/{id}?force=1&v=1` */
  removeContainer(id: string, o?: CallOptions): Promise<void>;
  /** `POST /containers/{id}/update` (`docker update`): resource limits; the engine's warnings. */
  updateContainer(id: string, body: ContainerUpdate, o?: CallOptions): Promise<string[]>;
  /** `GET /containers/{id}/logs` with timestamps: the raw (tty) or multiplexed byte stream. */
  containerLogs(id: string, q: LogRequest, o?: CallOptions): Promise<Readable>;

  listImages(q?: { all?: boolean }, o?: CallOptions): Promise<ImageSummary[]>;
  inspectImage(ref: string, o?: CallOptions): Promise<ImageInspect>;
  imageHistory(ref: string, o?: CallOptions): Promise<ImageHistoryEntry[]>;
  /** `docker save` of one image: a tar stream. */
  exportImage(ref: string, o?: CallOptions): Promise<Readable>;
  /** `docker pull`: the engine's newline-delimited JSON progress. `auth` is an X-Registry-Auth value. */
  pullImage(q: PullQuery, o?: CallOptions & { auth?: string }): Promise<Readable>;

  listNetworks(o?: CallOptions): Promise<NetworkInfo[]>;
  listVolumes(o?: CallOptions): Promise<VolumeInfo[]>;
  /** `GET /volumes/{name}`: driver, options, mount point. */
  inspectVolume(name: string, o?: CallOptions): Promise<VolumeInfo>;

  /** `GET /events`: newline-delimited JSON; without `until` it runs until closed. */
  events(q: EventsQuery, o?: CallOptions): Promise<Readable>;

  /** `HEAD /containers/{id}/archive`: the stat of a path in the container. */
  statPath(id: string, path: string, o?: CallOptions): Promise<PathStat>;
  /** `GET /containers/{id}/archive`: a tar of a path. */
  getArchive(id: string, path: string, o?: CallOptions): Promise<IncomingMessage>;
  /**
   * `PUT /containers/{id}/archive?path=DIR&noOverwriteDirNonDir=1`: extracts a tar into DIR.
   * Resolves once the engine answered 2xx; ends after `idleMs` without a byte moving, or when
   * `signal` aborts (with its reason); a failed upload is destroyed unfinished.
   */
  putArchive(id: string, dir: string, archive: Readable, o: UploadOptions): Promise<void>;

  createExec(container: string, config: ExecConfig, o?: CallOptions): Promise<string>;
  /** Starts an exec and hijacks its connection: raw bytes with a tty, multiplexed frames without. */
  startExec(execId: string, q: { tty: boolean }, o?: CallOptions): Promise<Duplex>;
  resizeExec(execId: string, size: { cols: number; rows: number }, o?: CallOptions): Promise<void>;
  inspectExec(execId: string, o?: CallOptions): Promise<ExecState>;
}

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  Os: string;
  Arch: string;
}

/** The fields of `GET /info` Porthole reads. */
export interface SystemInfo {
  ServerVersion: string;
  OSType: string;
  Architecture: string;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
}

export type SwarmKind = 'services' | 'networks' | 'secrets' | 'configs' | 'tasks' | 'nodes';
type Labelled = { Labels?: Record<string, string> };
export interface SwarmObjectOf {
  services: Docker.Service & { ServiceStatus?: { RunningTasks: number; DesiredTasks: number } };
  networks: NetworkInfo;
  secrets: { ID: string; Version: { Index: number }; Spec: { Name: string } & Labelled };
  configs: { ID: string; Version: { Index: number }; Spec: { Name: string } & Labelled };
  tasks: Docker.Task;
  nodes: Docker.Node;
}

export interface CallOptions {
  /** A shorter (or longer) deadline than the call class's. */
  timeoutMs?: number;
  /** Ends the call (and a stream) early: the client went away. */
  signal?: AbortSignal;
}

export interface UploadOptions {
  /** Bytes of the archive, when known. */
  length?: number;
  idleMs: number;
  signal?: AbortSignal;
}

export type { ImageHistoryEntry };
export type ContainerSummary = Docker.ContainerInfo;
export type ContainerInspect = Docker.ContainerInspectInfo;
export type ImageSummary = Docker.ImageInfo;
export type ImageInspect = Docker.ImageInspectInfo;
export type NetworkInfo = Docker.NetworkInspectInfo;
export type VolumeInfo = Docker.VolumeInspectInfo;

export interface ContainerListQuery {
  all?: boolean;
  /** Engine filters, e.g. `{ status: ['running'] }`, `{ volume: ['data'] }`. */
  filters?: Record<string, string[]>;
}

/** Fields of `POST /containers/{id}/update` Porthole sends. */
export interface ContainerUpdate {
  Memory?: number;
  MemorySwap?: number;
}

export interface PullQuery {
  /** The repository (`busybox`, `registry:5000/team/app`). */
  image: string;
  /** A tag or a digest (`sha256:…`); `latest` when left out. */
  tag?: string;
  platform?: string;
}

export interface EventsQuery {
  /** Seconds since the epoch (fractions allowed). */
  since?: number;
  until?: number;
  filters?: Record<string, string[]>;
}

export interface LogRequest {
  follow: boolean;
  tail?: number | 'all';
  /** Engine time forms (`seconds.nanos`), see `parseTimeSpec`. */
  since?: string;
  until?: string;
  stdout?: boolean;
  stderr?: boolean;
}

/** `X-Docker-Container-Path-Stat` (Go FileMode bits in `mode`). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
  isDir: boolean;
}

export interface ExecConfig {
  Cmd: string[];
  User?: string;
  WorkingDir?: string;
  Env?: string[];
  AttachStdin?: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  Tty: boolean;
  /** [rows, cols] */
  ConsoleSize?: [number, number];
}

export interface ExecState {
  Running: boolean;
  ExitCode: number | null;
  /** The container the exec runs in. */
  ContainerID: string;
}
