import { Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { pushImage } from '../../lib/docker/image-streams.ts';
import { splitRef } from '../../lib/docker/images.ts';
import { RegistryCredentials, TransferStatus, useRegistryTransfer } from './registry-transfer.tsx';

/** `docker push` of one tag with per-layer progress; credentials are for this push only. */
export function PushModal({ opened, onClose, tags }: { opened: boolean; onClose: () => void; tags: string[] }) {
  const t = useRegistryTransfer();
  const [ref, setRef] = useState<string | null>(tags[0] ?? null);
  const { repo, tag } = splitRef(ref ?? '');
  const push = () =>
    t.run(repo.split('/')[0] ?? '', (auth, onEvent, signal) =>
      // The engine wants an X-Registry-Auth header on push, even an empty one.
      pushImage(t.engine, repo, tag, auth ?? btoa('{}'), (_m, e) => onEvent(e), signal),
    );
  const close = t.close(onClose);
  return (
    <Modal opened={opened} onClose={close} title="Push an image" size="xl">
      <Stack>
        <Select label="Tag to push" data={tags} value={ref} onChange={setRef} allowDeselect={false} />
        <Text size="xs" c="dimmed">
          The registry is the tag's first part (e.g. 127.0.0.1:5000/…); tag the image first to push it somewhere else.
        </Text>
        <RegistryCredentials t={t} />
        <TransferStatus
          t={t}
          verb="Push"
          image={`${repo}:${tag}`}
          done={{ testId: 'push-done', title: 'Pushed', text: `${repo}:${tag} is in the registry.` }}
          canStart={!!ref}
          onStart={push}
          onClose={close}
        />
      </Stack>
    </Modal>
  );
}
