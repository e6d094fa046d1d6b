import type { ContainerListItem, ContainerListResponse } from '@porthole/shared/containers';
import { ApiError, isNotFound, messageOf } from '../http/api-error.ts';
import { timedOut } from './deadline.ts';
import type { ContainerInspect, ContainerSummary, EngineApi } from './engine-api.ts';
import { mapBounded } from './map-bounded.ts';

export interface ContainerListOptions {
  /** Stopped containers too. */
  all: boolean;
  /** Inspect each container. */
  details: boolean;
  /** Inspects in flight at once. */
  concurrency?: number;
  /** How long one inspect may take before its row is marked. */
  itemDeadlineMs?: number;
  /** How long all the inspects together may take: rows still waiting then are marked. */
  totalDeadlineMs?: number;
  /** The client went away: stop inspecting. */
  signal?: AbortSignal;
}

const DEFAULTS = { concurrency: 8, itemDeadlineMs: 5_000, totalDeadlineMs: 8_000 };

/**
 * The container list with each container's inspect, composed on the server (the browser used to
 * do the list and then N inspects itself). The inspects run a few at a time, each with a deadline
 * and all of them with one more: the list never waits on its slowest container, whose row says
 * why it has no details (`inspect timed out after 5 s`). A container removed between the list and
 * its inspect (404) is left out, as `docker ps` would not show it any more.
 */
export async function listContainersWithDetails(engine: EngineApi, o: ContainerListOptions): Promise<ContainerListResponse> {
  const list = await engine.listContainers({ all: o.all }, { signal: o.signal });
  if (!o.details) return { containers: list.map((summary) => ({ summary: summary as ContainerListItem['summary'] })) };

  const itemMs = o.itemDeadlineMs ?? DEFAULTS.itemDeadlineMs;
  const totalMs = o.totalDeadlineMs ?? DEFAULTS.totalDeadlineMs;
  const all = new AbortController();
  const overall = timedOut('inspect', totalMs);
  const timer = setTimeout(() => all.abort(overall), totalMs);
  const onClientGone = () => all.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onClientGone, { once: true });
  try {
    type Result = PromiseSettledResult<ContainerInspect>;
    const results: Array<Result | undefined> = list.map(() => undefined);
    const settled = mapBounded(
      list,
      o.concurrency ?? DEFAULTS.concurrency,
      async (c, i) => {
        try {
          results[i] = { status: 'fulfilled', value: await engine.inspectContainer(c.Id, { timeoutMs: itemMs, signal: all.signal }) };
        } catch (reason) {
          results[i] = { status: 'rejected', reason };
        }
      },
      () => all.signal.aborted,
    );
    // The whole list answers by its deadline with what it has, even if an inspect ignored its own.
    await Promise.race([settled, new Promise<void>((r) => all.signal.addEventListener('abort', () => r(), { once: true }))]);
    const rows: ContainerListItem[] = [];
    list.forEach((summary, i) => {
      const row = rowOf(summary, results[i], overall);
      if (row) rows.push(row);
    });
    return { containers: rows };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onClientGone);
  }
}

function rowOf(
  summary: ContainerSummary,
  r: PromiseSettledResult<ContainerInspect> | undefined,
  overall: Error,
): ContainerListItem | undefined {
  const s = summary as ContainerListItem['summary'];
  if (!r) return { summary: s, error: overall.message, retryable: true };
  if (r.status === 'fulfilled') return { summary: s, details: r.value as unknown as ContainerListItem['details'] };
  if (isNotFound(r.reason)) return undefined;
  return { summary: s, error: messageOf(r.reason), ...(isRetryable(r.reason) ? { retryable: true } : {}) };
}

/** A deadline or an engine that could not be reached or failed: trying again may work. */
const isRetryable = (err: unknown): boolean => err instanceof ApiError && err.status >= 500;
