import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fileKeys, uploadFile } from './api.ts';

export interface UploadProgress {
  name: string;
  sent: number;
  total: number;
}

/**
 * Uploads files one after the other into `dir`, with byte progress. Resolves once the folder's
 * listing has been refetched, so the button stays busy until the new files are shown.
 */
export function useUpload(engine: string, id: string, dir: string) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async (files: File[]) => {
      const done: string[] = [];
      try {
        for (const f of files) {
          setProgress({ name: f.name, sent: 0, total: f.size });
          done.push(await uploadFile(engine, id, dir, f, (sent, total) => setProgress({ name: f.name, sent, total })));
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
    onSuccess: (paths) => notifications.show({ color: 'green', message: `Uploaded ${paths.join(', ')}` }),
  });
  return { ...mutation, progress };
}
