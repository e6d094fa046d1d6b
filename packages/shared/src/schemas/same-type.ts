import type { Static, TSchema } from '@sinclair/typebox';

/**
 * Compile-time agreement between a TypeBox schema and the plain type the browser uses.
 *
 * `Same<A, B>` is `true` only when A and B are the same type (not merely assignable one way or
 * both ways: an optional property that is required on the other side, or an extra optional
 * property, makes it `false`). `Check<T>` compiles only for `true`.
 */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export type Check<T extends true> = T;

/**
 * The plain type `T`, where schema `S` validates exactly `T`: a schema module writes
 * `export type X = Exactly<x.X, typeof X, true>;` beside each `export const X = Type…`, and
 * `pnpm typecheck` fails on the one that drifted (its `true` "does not satisfy the constraint
 * 'false'").
 */
export type Exactly<T, S extends TSchema, _Same extends Same<Static<S>, T>> = T;
