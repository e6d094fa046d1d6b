import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId } from '../../lib/format.ts';
import { type ImageInspect, imageKeys, splitRef, tagImage } from '../../lib/docker/images.ts';

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
        <TextInput
          label="New tag"
          description="repository[:tag]"
          value={ref}
          onChange={(e) => setRef(e.currentTarget.value)}
          data-autofocus
        />
        {mutation.error && (
          <Alert color="red" role="alert">
            {mutation.error.message}
          </Alert>
        )}
        <CliHint command={`docker tag ${shortId(image.Id)} ${repo}:${tag}`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button onClick={() => mutation.mutate()} disabled={!repo} loading={mutation.isPending}>
            Add tag
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
