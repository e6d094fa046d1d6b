import { Type } from '@sinclair/typebox';
import type * as images from '../images.ts';
import { EngineId } from './engine-params.ts';
import type { Exactly } from './same-type.ts';

/** Schemas of the image composite endpoints; the types are in `../images.ts`. */

/**
 * An image id or reference as the Engine API takes it in a path (`sha256:…`, `name:tag`,
 * `registry:5000/team/name@sha256:…`): path components of letters and digits joined by `.`, `_`
 * or `-`, separated by single slashes, then an optional tag and digest. The server puts it into
 * the engine's URL as it is: a space made the call fail (500), `?` or `#` changed which endpoint
 * was called, and an empty or dot segment (`a/`, `x//y`, `a/../b`) got a 301 from the engine that
 * docker-modem followed to the host "images" — an unhandled DNS error that ended the process.
 */
const ImageRef = Type.String({
  minLength: 1,
  maxLength: 512,
  pattern:
    '^(?:[a-zA-Z0-9]+(?:[._-]+[a-zA-Z0-9]+)*(?::[0-9]+)?/)*[a-zA-Z0-9]+(?:[._-]+[a-zA-Z0-9]+)*(?::\\w[\\w.-]{0,127})?(?:@[a-z0-9]+:[a-fA-F0-9]{32,})?$',
});

export const ImageRefParams = Type.Object({ engine: EngineId, id: ImageRef });
export type ImageRefParams = Exactly<images.ImageRefParams, typeof ImageRefParams, true>;

export const LayerParams = Type.Object({
  engine: EngineId,
  id: ImageRef,
  layer: Type.Integer({ minimum: 0, maximum: 10_000 }),
});
export type LayerParams = Exactly<images.LayerParams, typeof LayerParams, true>;

export const FileQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) });
export type FileQuery = Exactly<images.FileQuery, typeof FileQuery, true>;

export const LayerSummary = Type.Object({
  index: Type.Integer(),
  /** The layer's diff id (sha256 of the uncompressed tar). */
  diffId: Type.String(),
  /** Index in the image history (`docker history`, oldest first) of the instruction that made it. */
  historyIndex: Type.Integer(),
  createdBy: Type.String(),
  /** Bytes of regular files in the layer tar (what the layer ships). */
  size: Type.Number(),
  files: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Integer(),
  removed: Type.Integer(),
  addedBytes: Type.Number(),
  changedBytes: Type.Number(),
  removedBytes: Type.Number(),
});
export type LayerSummary = Exactly<images.LayerSummary, typeof LayerSummary, true>;

export const HintKind = Type.Union([
  Type.Literal('package-cache'),
  Type.Literal('added-then-deleted'),
  Type.Literal('apt-update-separate'),
  Type.Literal('combine-runs'),
  Type.Literal('install-after-copy-all'),
  Type.Literal('runs-as-root'),
  Type.Literal('large-base'),
]);
export type HintKind = Exactly<images.HintKind, typeof HintKind, true>;

export const Hint = Type.Object({
  kind: HintKind,
  severity: Type.Union([Type.Literal('info'), Type.Literal('warning')]),
  title: Type.String(),
  detail: Type.String(),
  /** Layer indexes the hint points at (empty when it is about the image config). */
  layers: Type.Array(Type.Integer()),
  bytes: Type.Optional(Type.Number()),
  paths: Type.Optional(Type.Array(Type.String())),
});
export type Hint = Exactly<images.Hint, typeof Hint, true>;

export const WastedPath = Type.Object({
  path: Type.String(),
  /** Bytes shipped by versions of this path that are not in the final image. */
  bytes: Type.Number(),
  /** Layers that shipped the overwritten or deleted versions. */
  layers: Type.Array(Type.Integer()),
  /** Where it was deleted, when it was. */
  removedIn: Type.Optional(Type.Integer()),
});
export type WastedPath = Exactly<images.WastedPath, typeof WastedPath, true>;

export const ImageAnalysis = Type.Object({
  imageId: Type.String(),
  layers: Type.Array(LayerSummary),
  /** Sum of the layers' file bytes. */
  shippedBytes: Type.Number(),
  /** Bytes of the files in the final image. */
  finalBytes: Type.Number(),
  wastedBytes: Type.Number(),
  /** finalBytes / shippedBytes (1 when nothing is shipped). */
  efficiency: Type.Number(),
  wasted: Type.Array(WastedPath),
  hints: Type.Array(Hint),
  analysedAt: Type.String(),
  durationMs: Type.Number(),
});
export type ImageAnalysis = Exactly<images.ImageAnalysis, typeof ImageAnalysis, true>;

export const FileChange = Type.Union([Type.Literal('added'), Type.Literal('changed'), Type.Literal('removed')]);
export type FileChange = Exactly<images.FileChange, typeof FileChange, true>;

export const FileEntry = Type.Object({
  path: Type.String(),
  type: Type.Union([Type.Literal('file'), Type.Literal('dir'), Type.Literal('symlink'), Type.Literal('link'), Type.Literal('other')]),
  size: Type.Number(),
  /** Symlink or hard link target. */
  target: Type.Optional(Type.String()),
  /** In a layer's change list: what the layer does to the path. */
  change: Type.Optional(FileChange),
  /** In an aggregate tree: the layer the path's current version comes from. */
  layer: Type.Optional(Type.Integer()),
});
export type FileEntry = Exactly<images.FileEntry, typeof FileEntry, true>;

export const LayerFiles = Type.Object({ layer: Type.Integer(), entries: Type.Array(FileEntry), truncated: Type.Boolean() });
export type LayerFiles = Exactly<images.LayerFiles, typeof LayerFiles, true>;

export const FileContent = Type.Object({
  path: Type.String(),
  layer: Type.Integer(),
  size: Type.Number(),
  binary: Type.Boolean(),
  truncated: Type.Boolean(),
  content: Type.String(),
});
export type FileContent = Exactly<images.FileContent, typeof FileContent, true>;

export const PruneQuery = Type.Object({
  /** `docker image prune -a`: every unused image, not only dangling ones. */
  all: Type.Optional(Type.Boolean()),
  /** The prune filters as the Engine API takes them, e.g. `{"label":["a=b"]}` (JSON). */
  filters: Type.Optional(Type.String({ maxLength: 4096 })),
});
export type PruneQuery = Exactly<images.PruneQuery, typeof PruneQuery, true>;

export const PrunePreviewImage = Type.Object({
  id: Type.String(),
  tags: Type.Array(Type.String()),
  created: Type.Number(),
  size: Type.Number(),
  /** Bytes of layers only this prune's images use (freed when they go). */
  freedBytes: Type.Number(),
});
export type PrunePreviewImage = Exactly<images.PrunePreviewImage, typeof PrunePreviewImage, true>;

export const PrunePreview = Type.Object({ images: Type.Array(PrunePreviewImage), freedBytes: Type.Number() });
export type PrunePreview = Exactly<images.PrunePreview, typeof PrunePreview, true>;

/** `POST /api/engines/:engine/images/pull` (see `PullBody` in `../images.ts`). */
export const PullBody = Type.Object(
  {
    image: Type.String({ minLength: 1, maxLength: 512, pattern: '^[^\\s]+$' }),
    platform: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z0-9/._-]+$' })),
  },
  { additionalProperties: false },
);
export type PullBody = Exactly<images.PullBody, typeof PullBody, true>;

export const PullHeaders = Type.Object({ 'x-registry-auth': Type.Optional(Type.String({ maxLength: 8192 })) });
export type PullHeaders = Exactly<images.PullHeaders, typeof PullHeaders, true>;

/** One line of a pull's NDJSON answer (see `PullEvent` in `../images.ts`). */
export const PullEvent = Type.Union([
  Type.Object({
    type: Type.Literal('layer'),
    id: Type.String(),
    status: Type.String(),
    current: Type.Number(),
    total: Type.Number(),
    done: Type.Boolean(),
  }),
  Type.Object({ type: Type.Literal('status'), message: Type.String() }),
  Type.Object({ type: Type.Literal('done'), image: Type.String(), digest: Type.Optional(Type.String()) }),
  Type.Object({ type: Type.Literal('error'), message: Type.String() }),
]);
export type PullEvent = Exactly<images.PullEvent, typeof PullEvent, true>;
