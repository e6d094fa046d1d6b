import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { api, docker } from '../api-client.ts';
import { type ContainerInspect, type ContainerSummary, containerKeys } from './containers.ts';

/** A row of the server's composed list: the list row and, unless it could not be read in time, the inspect. */
export interface ContainerRow {
  summary: ContainerSummary;
  details?: ContainerInspect;
  /** Why `details` is missing ("inspect timed out after 5 s"). */
  error?: string;
  /** The failure may pass (a deadline): offer "retry". */
  retryable?: boolean;
}

/** The inspect's endpoints replace the list's: they carry the aliases. */
const withEndpoints = (r: ContainerRow): ContainerRow => {
  const networks = r.details?.NetworkSettings.Networks;
  return networks ? { ...r, summary: { ...r.summary, NetworkSettings: { Networks: networks } } } : r;
};

/**
 * Every container with its inspect, composed on the server (`GET /api/engines/:engine/containers?details=1`:
 * bounded concurrency, a deadline per row). The limits, health, networks, volumes and topology views
 * share this one cache; the containers list reads the plain list (`containerListQuery`).
 */
export const containerDetailsQuery = (engine: string) =>
  queryOptions({
    queryKey: containerKeys.details(engine),
    queryFn: async ({ signal }) =>
      (
        await api<{ containers: ContainerRow[] }>(`/api/engines/${encodeURIComponent(engine)}/containers`, {
          query: { details: 1 },
          signal,
        })
      ).containers.map(withEndpoints),
    placeholderData: (prev) => prev,
  });

const summaries = (rows: ContainerRow[]) => rows.map((r) => r.summary);
const inspects = (rows: ContainerRow[]) => rows.flatMap((r) => (r.details ? [r.details] : []));

/** The container list rows (with aliases) from the details cache: what networks, volumes and topology read. */
export const containersWithNetworksQuery = (engine: string) => queryOptions({ ...containerDetailsQuery(engine), select: summaries });

/** The inspect of every container from the details cache (limits, health). */
export const containerInspectsQuery = (engine: string) => queryOptions({ ...containerDetailsQuery(engine), select: inspects });

/** A container the details list could not inspect, with why. */
export type UnreadContainer = ContainerRow & { error: string };
const unread = (rows: ContainerRow[]) => rows.filter((r): r is UnreadContainer => !r.details && !!r.error);

/** The rows of the details cache without an inspect (limits and health mark them, never drop them). */
export const unreadContainersQuery = (engine: string) => queryOptions({ ...containerDetailsQuery(engine), select: unread });

/**
 * Inspects one container of the details list again and puts the answer into the list's cache
 * (the "retry" of a row whose inspect timed out); on failure the row keeps the new reason.
 */
export async function retryContainerDetails(client: QueryClient, engine: string, id: string): Promise<void> {
  const patch = (change: Partial<ContainerRow>) =>
    client.setQueryData<ContainerRow[]>(containerKeys.details(engine), (rows) =>
      rows?.map((r) => (r.summary.Id === id ? withEndpoints({ summary: r.summary, ...change }) : r)),
    );
  try {
    patch({ details: await docker<ContainerInspect>(engine, `/containers/${encodeURIComponent(id)}/json`, { deadlineMs: 10_000 }) });
  } catch (err) {
    patch({ error: err instanceof Error ? err.message : String(err), retryable: true });
  }
}
