import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { pullImage } from '../../lib/docker/image-streams.ts';
import { splitRef } from '../../lib/docker/images.ts';
import { bindText } from '../../lib/bind-text.ts';
import { RegistryCredentials, TransferStatus, useRegistryTransfer } from './registry-transfer.tsx';

/**
 * `docker pull` (the server's pull) with a bar per layer and overall, cancellable. Credentials go
 * in the request's X-Registry-Auth header only: they are not kept after the modal closes.
 */
export function PullModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useRegistryTransfer();
  const [ref, setRef] = useState('');
  const { repo, tag } = splitRef(ref.trim());
  const pull = () =>
    t.run(repo.split('/')[0] ?? '', async (auth, onEvent, signal) => {
      await pullImage(t.engine, ref.trim(), onEvent, { auth, signal });
    });
  const close = t.close(onClose);
  return (
    <Modal opened={opened} onClose={close} title="Pull an image" size="xl">
      <Stack>
        <TextInput
          label="Image"
          description="repository[:tag], e.g. 127.0.0.1:5000/team/app:1.0"
          {...bindText(ref, setRef)}
          disabled={t.status === 'running'}
          data-autofocus
        />
        <RegistryCredentials t={t} />
        <Text size="xs" c="dimmed">
          Credentials are sent with this pull only and are never stored.
        </Text>
        <TransferStatus
          t={t}
          verb="Pull"
          image={`${repo}:${tag}`}
          done={{ testId: 'pull-done', title: 'Pulled', text: `${repo}:${tag} is on the engine.` }}
          canStart={!!ref.trim()}
          onStart={pull}
          onClose={close}
        />
      </Stack>
    </Modal>
  );
}
