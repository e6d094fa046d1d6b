/** How a cancellable piece of work ended: done, cancelled (its signal aborted) or failed with a message. */
export type AbortableEnd = { status: 'done' } | { status: 'cancelled' } | { status: 'failed'; error: string };

/** Runs `work` and says how it ended; an error after `signal` aborted is the cancel, not a failure. */
export async function settleAbortable(signal: AbortSignal, work: () => Promise<void>): Promise<AbortableEnd> {
  try {
    await work();
    return { status: 'done' };
  } catch (err) {
    return signal.aborted ? { status: 'cancelled' } : { status: 'failed', error: (err as Error).message };
  }
}
