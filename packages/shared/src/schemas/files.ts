import { Type } from '@sinclair/typebox';
import type * as files from '../files.ts';
import type { Exactly } from './same-type.ts';

/** Schemas of the container files routes; the types and `fileNameProblem` are in `../files.ts`. */

export const FilePathQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false });
export type FilePathQuery = Exactly<files.FilePathQuery, typeof FilePathQuery, true>;

/**
 * One entry of a folder, never the folder itself or its parent: `.`/`..` (as a tar entry they name
 * the target folder or its parent, which the engine replaces), `/` and `\` (a path, not a name: `a/..`;
 * `\` separates paths on Windows engines), NUL (tar headers end a name there: `..\0x` is `..`).
 * `fileNameProblem` says the same for callers that do not go through the schema.
 */
export const FileName = Type.String({ minLength: 1, maxLength: 255, pattern: '^(?!\\.\\.?$)[^/\\\\\\x00]+$' });

/**
 * `PUT .../files?path=DIR&name=NAME`: the body is the file's bytes (`docker cp FILE C:DIR/NAME`).
 * `PUT .../files?path=DIR&extract=1`: the body is a tar archive extracted into DIR (`docker cp - C:DIR`).
 */
export const FileUploadQuery = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 4096 }),
    name: Type.Optional(FileName),
    /** `1`/`true`: the body is a tar to extract into `path`. */
    extract: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')])),
  },
  { additionalProperties: false },
);
export type FileUploadQuery = Exactly<files.FileUploadQuery, typeof FileUploadQuery, true>;
