/**
 * Compile-time agreement between a TypeBox schema and the plain type the browser uses.
 *
 * `Same<A, B>` is `true` only when A and B are the same type (not merely assignable one way or
 * both ways: an optional property that is required on the other side, or an extra optional
 * property, makes it `false`). `Check<T>` compiles only for `true`, so a schema module ends with
 * `export type SchemaChecks = [Check<Same<Static<typeof X>, X>>, ...]` and `pnpm typecheck` fails
 * on the entry that drifted.
 */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export type Check<T extends true> = T;
