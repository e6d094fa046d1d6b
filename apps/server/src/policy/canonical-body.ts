import { ApiError } from '../http/api-error.ts';
import { ANY, type BodyShape } from './engine-body-shapes.ts';

/**
 * A checked Engine API body read the way the engine (Go's encoding/json) reads it, and written
 * again so that what the engine receives is exactly what was checked:
 *
 * * a struct field matches its key exactly, or else case-insensitively with Unicode simple
 *   folding (`hostconfig`, `HOSTCONFIG` and `HoſtConfig` all are `HostConfig`); the key is
 *   rewritten to the field's own name;
 * * two keys that reach the same field (`HostConfig` and `hostconfig`, or `HostConfig` twice, which
 *   Go merges while `JSON.parse` keeps the last) are refused, at every level, as is any repeated key;
 * * map keys (labels, driver options…) stay as they are; unknown keys are kept (they cannot fold
 *   to a known field, so the engine ignores them, or a newer engine knows them);
 * * numbers keep their text (an int64 beyond 2^53 is not rounded).
 *
 * `JSON.parse` decides what is valid JSON; a short reader then walks the text for what it loses
 * (repeated keys, numbers as written). Not a JSON AST library: momoa, the one looked at, took 1.2 s
 * of event loop for a 780 kB body (JSON.parse: 2 ms). The folding is Go's `foldName` for the
 * characters that can fold to a field name (all Engine API names are ASCII).
 */

/** A JSON number as written (its value is not needed by any check). */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

/** Canonical objects have no prototype (a `__proto__` key is a plain key). */
export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** Go's fold of a name as far as it can match an ASCII field: ASCII upper case, ſ → S, K (Kelvin) → K. */
export function foldName(name: string): string {
  return name
    .toUpperCase()
    .replace(/\u017f/g, 'S')
    .replace(/\u212a/g, 'K');
}

const folds = new WeakMap<Record<string, BodyShape>, Map<string, string>>();

/** The field a key names in a struct: exact match first, then the folded one (Go's order). */
function fieldOf(fields: Record<string, BodyShape>, key: string): string | undefined {
  if (Object.hasOwn(fields, key)) return key;
  let byFold = folds.get(fields);
  if (!byFold) {
    byFold = new Map(Object.keys(fields).map((f) => [foldName(f), f]));
    folds.set(fields, byFold);
  }
  return byFold.get(foldName(key));
}

function duplicate(name: string, first: string, second: string): ApiError {
  const spelled = first === second ? `twice` : `twice (as "${first}" and "${second}")`;
  return new ApiError(400, `The request body names "${name}" ${spelled}; the engine would not read it as it was checked, so it is refused`);
}

/** The shape of a member's value: its field's in a struct, the map's values', or unchecked. */
function innerShape(shape: BodyShape, field: string | undefined): BodyShape {
  if (shape.kind === 'struct') return (field && shape.fields[field]) || ANY;
  return shape.kind === 'map' ? shape.of : ANY;
}

/** Deeper than this is no Engine API body (and would cost stack). */
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Walks JSON text that `JSON.parse` has accepted (so it is well-formed), keeping what
 * `JSON.parse` loses: every member of an object, repeated keys included, and numbers as written.
 */
class CanonicalReader {
  private i = 0;
  constructor(private readonly text: string) {}

  private space(): void {
    for (let c = this.text.charCodeAt(this.i); c === 32 || c === 9 || c === 10 || c === 13; c = this.text.charCodeAt(++this.i));
  }

  private string(): string {
    let j = this.i + 1;
    let escaped = false;
    for (let c = this.text.charCodeAt(j); c !== 34; c = this.text.charCodeAt(j)) {
      if (c === 92) {
        escaped = true;
        j++;
      }
      j++;
    }
    const value = escaped ? (JSON.parse(this.text.slice(this.i, j + 1)) as string) : this.text.slice(this.i + 1, j);
    this.i = j + 1;
    return value;
  }

  value(shape: BodyShape, depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new ApiError(400, `The request body is nested deeper than ${MAX_DEPTH} levels`);
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object(shape, depth);
    if (c === '[') {
      const of = shape.kind === 'list' ? shape.of : ANY;
      const out: JsonValue[] = [];
      this.i++;
      this.space();
      while (this.text[this.i] !== ']') {
        out.push(this.value(of, depth + 1));
        this.space();
        if (this.text[this.i] === ',') this.i++;
      }
      this.i++;
      return out;
    }
    if (c === '"') return this.string();
    for (const [word, v] of WORDS) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.i;
    const raw = NUMBER.exec(this.text)?.[0] ?? '';
    this.i += raw.length;
    return new JsonNumber(raw);
  }

  private object(shape: BodyShape, depth: number): JsonValue {
    const out: Record<string, JsonValue> = Object.create(null);
    const seen = new Map<string, string>();
    this.i++;
    this.space();
    while (this.text[this.i] !== '}') {
      const key = this.string();
      const field = shape.kind === 'struct' ? fieldOf(shape.fields, key) : undefined;
      const name = field ?? key;
      // A struct's keys collide when they fold alike (the engine reads both into one field); others when equal.
      const identity = shape.kind === 'struct' ? foldName(name) : key;
      const earlier = seen.get(identity);
      if (earlier !== undefined) throw duplicate(name, earlier, key);
      seen.set(identity, key);
      this.space();
      this.i++; // ':'
      out[name] = this.value(innerShape(shape, field), depth + 1);
      this.space();
      if (this.text[this.i] === ',') {
        this.i++;
        this.space();
      }
    }
    this.i++;
    return out;
  }
}

const WORDS: Array<[string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** A body as JSON text again (numbers as written). */
export function jsonText(value: JsonValue): string {
  if (value instanceof JsonNumber) return value.raw;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Parses a checked body and canonicalises it against its shape (400 for invalid JSON or a repeated field). */
export function canonicalBody(text: string, shape: BodyShape): JsonValue {
  try {
    JSON.parse(text);
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON');
  }
  return new CanonicalReader(text).value(shape, 0);
}
