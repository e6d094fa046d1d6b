/**
 * Images: the composite endpoints under `/api/engines/:engine/images/...` (layer analysis and
 * prune preview). Everything else (list, inspect, history, pull, push, build, tag, remove,
 * save, load) goes straight through the Engine API proxy. Plain types only; the schemas the
 * server validates and serialises with are in `schemas/images.ts`.
 */

export interface ImageRefParams {
  engine: string;
  id: string;
}

export interface LayerParams {
  engine: string;
  id: string;
  layer: number;
}

export interface FileQuery {
  path: string;
}

export interface LayerSummary {
  index: number;
  /** The layer's diff id (sha256 of the uncompressed tar). */
  diffId: string;
  /** Index in the image history (`docker history`, oldest first) of the instruction that made it. */
  historyIndex: number;
  createdBy: string;
  /** Bytes of regular files in the layer tar (what the layer ships). */
  size: number;
  files: number;
  added: number;
  changed: number;
  removed: number;
  addedBytes: number;
  changedBytes: number;
  removedBytes: number;
}

export type HintKind =
  | 'package-cache'
  | 'added-then-deleted'
  | 'apt-update-separate'
  | 'combine-runs'
  | 'install-after-copy-all'
  | 'runs-as-root'
  | 'large-base';

export interface Hint {
  kind: HintKind;
  severity: 'info' | 'warning';
  title: string;
  detail: string;
  /** Layer indexes the hint points at (empty when it is about the image config). */
  layers: number[];
  bytes?: number;
  paths?: string[];
}

export interface WastedPath {
  path: string;
  /** Bytes shipped by versions of this path that are not in the final image. */
  bytes: number;
  /** Layers that shipped the overwritten or deleted versions. */
  layers: number[];
  /** Where it was deleted, when it was. */
  removedIn?: number;
}

export interface ImageAnalysis {
  imageId: string;
  layers: LayerSummary[];
  /** Sum of the layers' file bytes. */
  shippedBytes: number;
  /** Bytes of the files in the final image. */
  finalBytes: number;
  wastedBytes: number;
  /** finalBytes / shippedBytes (1 when nothing is shipped). */
  efficiency: number;
  wasted: WastedPath[];
  hints: Hint[];
  analysedAt: string;
  durationMs: number;
}

export type FileChange = 'added' | 'changed' | 'removed';

export interface FileEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'link' | 'other';
  size: number;
  /** Symlink or hard link target. */
  target?: string;
  /** In a layer's change list: what the layer does to the path. */
  change?: FileChange;
  /** In an aggregate tree: the layer the path's current version comes from. */
  layer?: number;
}

export interface LayerFiles {
  layer: number;
  entries: FileEntry[];
  truncated: boolean;
}

export interface FileContent {
  path: string;
  layer: number;
  size: number;
  binary: boolean;
  truncated: boolean;
  content: string;
}

export interface PruneQuery {
  /** `docker image prune -a`: every unused image, not only dangling ones. */
  all?: boolean;
  /** The prune filters as the Engine API takes them, e.g. `{"label":["a=b"]}` (JSON). */
  filters?: string;
}

export interface PrunePreviewImage {
  id: string;
  tags: string[];
  created: number;
  size: number;
  /** Bytes of layers only this prune's images use (freed when they go). */
  freedBytes: number;
}

export interface PrunePreview {
  images: PrunePreviewImage[];
  freedBytes: number;
}

/** `POST /api/engines/:engine/images/pull` — `docker pull` with normalised progress. */
export interface PullBody {
  /** `busybox`, `busybox:1.36`, `registry:5000/team/app:v2`, `alpine@sha256:…` (no tag: `latest`). */
  image: string;
  platform?: string;
}

/** Registry credentials for this pull only (the Engine API's base64url JSON), never stored. */
export interface PullHeaders {
  'x-registry-auth'?: string;
}

/**
 * The answer of a pull: newline-delimited JSON (`application/x-ndjson`), one event a line, as
 * the engine reports. `layer`: one layer's state (`done` once it is complete or already there;
 * `current`/`total` in bytes while it downloads or extracts); `status`: a line of the engine's
 * own (`Digest: …`, `Status: Downloaded newer image …`); the stream ends with `done` or with
 * `error` (the engine's message). A failure before the pull started (a bad reference, an engine
 * that does not answer) is an ordinary error answer (`{message}` with its status) instead.
 */
export type PullEvent =
  | { type: 'layer'; id: string; status: string; current: number; total: number; done: boolean }
  | { type: 'status'; message: string }
  | { type: 'done'; image: string; digest?: string }
  | { type: 'error'; message: string };
