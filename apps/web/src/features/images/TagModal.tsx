import { Button, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId } from '../../lib/format.ts';
import { type ImageInspect, imageKeys, splitRef, tagImage } from '../../lib/docker/images.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { bindText } from '../../lib/bind-text.ts';

/** `docker tag` an image with a new repository:tag. */
export function TagModal({ opened, onClose, image }: { opened: boolean; onClose: () => void; image: ImageInspect }) {
  const engine = useEngine();
  const client = useQueryClient();
  const [ref, setRef] = useState('');
  const { repo, tag } = splitRef(ref.trim());
  const mutation = useMutation({
    mutationFn: () => tagImage(engine, image.Id, repo, tag),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
      close();
    },
  });
  const close = () => {
    setRef('');
    mutation.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Tag image">
      <Stack>
        <TextInput label="New tag" description="repository[:tag]" {...bindText(ref, setRef)} data-autofocus />
        <DialogFooter error={mutation.error} command={`docker tag ${shortId(image.Id)} ${repo}:${tag}`} onCancel={close}>
          <Button onClick={() => mutation.mutate()} disabled={!repo} loading={mutation.isPending}>
            Add tag
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
