import type { DirectoryListing } from '@porthole/shared/files';
import { queryOptions } from '@tanstack/react-query';
import { api, apiFetch, withQuery } from '../../lib/api-client.ts';
import { containerFilesKey } from '../../lib/query-keys.ts';

const base = (engine: string, id: string) => `/api/engines/${encodeURIComponent(engine)}/containers/${encodeURIComponent(id)}/files`;

export const fileKeys = {
  all: (engine: string, id: string) => [...containerFilesKey(engine), id] as const,
  dir: (engine: string, id: string, path: string) => [...fileKeys.all(engine, id), path] as const,
};

export const directoryQuery = (engine: string, id: string, path: string) =>
  queryOptions({
    queryKey: fileKeys.dir(engine, id, path),
    queryFn: ({ signal }) => api<DirectoryListing>(withQuery(base(engine, id), { path }), { cache: 'no-store', signal }),
  });

export const downloadUrl = (engine: string, id: string, path: string) => withQuery(`${base(engine, id)}/download`, { path });

/** Uploads one file into a folder of the container (`docker cp FILE CONTAINER:DIR`). */
export async function uploadFile(engine: string, id: string, dir: string, file: File): Promise<void> {
  await apiFetch(withQuery(base(engine, id), { path: dir, name: file.name }), {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
}
