import { Alert, Button, Code, FileInput, Group, Modal, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { imageKeys } from '../../lib/docker/images.ts';
import { loadImage } from '../../lib/docker/image-streams.ts';

/** `docker load` from an uploaded tar (streamed to the engine as it is read). */
export function LoadImageModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const engine = useEngine();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!file) return;
    setStatus('loading');
    setLines([]);
    setError(null);
    try {
      await loadImage(engine, file, (m) => {
        const text = m.stream ?? m.status;
        if (text) setLines((l) => [...l, text.trim()]);
      });
      setStatus('done');
    } catch (err) {
      setError((err as Error).message);
      setStatus('failed');
    } finally {
      void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
    }
  };
  const close = () => {
    setFile(null);
    setLines([]);
    setStatus('idle');
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Load an image from a tar" size="lg">
      <Stack>
        <FileInput label="Image tar (from docker save)" value={file} onChange={setFile} accept=".tar,application/x-tar" clearable />
        {lines.length > 0 && (
          <Code block data-testid="load-output">
            {lines.join('\n')}
          </Code>
        )}
        {error && (
          <Alert color="red" role="alert" title="Load failed">
            {error}
          </Alert>
        )}
        <CliHint command={`docker load --input ${file?.name ?? 'image.tar'}`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button onClick={load} disabled={!file || status === 'loading'} loading={status === 'loading'}>
            Load
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
