import type { DirectoryListing, FileUploadResult } from '@porthole/shared/files';
import { queryOptions } from '@tanstack/react-query';
import { api, apiUpload, withQuery } from '../api-client.ts';
import { containerFilesKey } from '../query-keys.ts';

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

/**
 * Uploads one file into a folder of the container (`docker cp FILE CONTAINER:DIR`); resolves with
 * the file's path in the container.
 */
export async function uploadFile(
  engine: string,
  id: string,
  dir: string,
  file: File,
  onProgress?: (sent: number, total: number) => void,
): Promise<string> {
  const res = await apiUpload<{ path: string }>(withQuery(base(engine, id), { path: dir, name: file.name }), file, onProgress);
  return res.path;
}

/**
 * Uploads a tar and extracts it into a folder of the container (`docker cp - CONTAINER:DIR`); the
 * server checks every entry first. Resolves with the folder and the archive's entry count.
 */
export function uploadArchive(
  engine: string,
  id: string,
  dir: string,
  file: File,
  onProgress?: (sent: number, total: number) => void,
): Promise<FileUploadResult> {
  return apiUpload<FileUploadResult>(withQuery(base(engine, id), { path: dir, extract: '1' }), file, onProgress);
}
