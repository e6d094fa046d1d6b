/**
 * Runs `fn` over `items` with at most `limit` calls in flight (so one view never fires hundreds
 * of engine calls at once), and settles each: the results keep the items' order. `stop()` true
 * leaves the items not started yet as `{ skipped: true }`.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<Array<PromiseSettledResult<R> | { status: 'skipped' }>> {
  const results: Array<PromiseSettledResult<R> | { status: 'skipped' }> = items.map(() => ({ status: 'skipped' }));
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i] as T, i) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
