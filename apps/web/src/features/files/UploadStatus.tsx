import { Alert, Group, Progress, Text } from '@mantine/core';
import { formatBytes } from '../../lib/format.ts';
import type { useUpload } from './useUpload.ts';

/** The byte progress of an upload and, when it failed, the server's message. */
export function UploadStatus({ upload, dir }: { upload: ReturnType<typeof useUpload>; dir: string }) {
  const { progress, error, kind } = upload;
  const percent = progress ? (100 * progress.sent) / Math.max(progress.total, 1) : 0;
  // Every byte sent: the server checks the archive and the engine extracts it.
  const extracting = kind === 'extract' && progress !== null && progress.sent >= progress.total;
  return (
    <>
      {progress && (
        <Group gap="xs" role="status" aria-label={kind === 'file' ? 'Upload progress' : 'Archive upload progress'}>
          <Text size="sm">
            {extracting
              ? `Extracting ${progress.name} into ${dir}…`
              : `${kind === 'file' ? 'Uploading' : 'Uploading archive'} ${progress.name} to ${dir}: ${formatBytes(progress.sent)} of ${formatBytes(progress.total)} (${Math.round(percent)}%)`}
          </Text>
          <Progress flex={1} value={percent} animated={extracting} aria-hidden />
        </Group>
      )}
      {error && (
        <Alert
          color="red"
          role="alert"
          title={kind === 'file' ? 'Upload failed' : 'Archive upload failed'}
          withCloseButton
          onClose={upload.reset}
        >
          {error.message}
        </Alert>
      )}
    </>
  );
}
