import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fileKeys, uploadArchive, uploadFile } from '../../lib/docker/files.ts';

export interface UploadProgress {
  name: string;
  sent: number;
  total: number;
}

/** `file`: each file into the folder (`docker cp FILE C:DIR`); `extract`: each tar extracted there (`docker cp - C:DIR`). */
export type UploadKind = 'file' | 'extract';

/**
 * Uploads files one after the other into `dir`, with byte progress. Resolves once the folder's
 * listing has been refetched, so the button stays busy until the new files are shown.
 */
export function useUpload(engine: string, id: string, dir: string, kind: UploadKind = 'file') {
  const client = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const send = async (f: File, onProgress: (sent: number, total: number) => void) => {
    if (kind === 'file') return uploadFile(engine, id, dir, f, onProgress);
    const { entries } = await uploadArchive(engine, id, dir, f, onProgress);
    return `${f.name} (${entries} ${entries === 1 ? 'entry' : 'entries'}) into ${dir}`;
  };
  const mutation = useMutation({
    mutationFn: async (files: File[]) => {
      const done: string[] = [];
      try {
        for (const f of files) {
          setProgress({ name: f.name, sent: 0, total: f.size });
          done.push(await send(f, (sent, total) => setProgress({ name: f.name, sent, total })));
        }
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`${files[done.length]?.name ?? 'file'} → ${dir}: ${message}`);
      } finally {
        setProgress(null);
        // Partly successful batches change the folder too.
        if (done.length) await client.invalidateQueries({ queryKey: fileKeys.all(engine, id) });
      }
      return done;
    },
    onSuccess: (done) =>
      notifications.show({ color: 'green', message: `${kind === 'file' ? 'Uploaded' : 'Extracted'} ${done.join(', ')}` }),
  });
  return { ...mutation, progress, kind };
}
