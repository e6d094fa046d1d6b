import { type Context, useContext } from 'react';

/** A context's value, or an error naming the provider that is missing above `hook`'s caller. */
export function useProvided<T>(context: Context<T | null>, hook: string, provider: string): T {
  const value = useContext(context);
  if (!value) throw new Error(`${hook} outside ${provider}`);
  return value;
}
