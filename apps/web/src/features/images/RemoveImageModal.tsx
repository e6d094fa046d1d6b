import { Button, Checkbox, Code, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId } from '../../lib/format.ts';
import { imageKeys, removeImage } from '../../lib/docker/images.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';

/** Confirms `docker image rm` of one tag or image; the engine's refusal (in use) is shown as is. */
export function RemoveImageModal({
  target,
  onClose,
  onRemoved,
}: {
  target: { ref: string; id: string } | null;
  onClose: () => void;
  onRemoved?: () => void;
}) {
  const engine = useEngine();
  const client = useQueryClient();
  const [force, setForce] = useState(false);
  const [noprune, setNoprune] = useState(false);
  const mutation = useMutation({
    mutationFn: () => removeImage(engine, target?.ref ?? '', { force, noprune }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
      close();
      onRemoved?.();
    },
  });
  const close = () => {
    mutation.reset();
    setForce(false);
    setNoprune(false);
    onClose();
  };
  const isTag = target && !target.ref.startsWith('sha256:') && target.ref !== target.id;
  const command = `docker image rm${force ? ' --force' : ''}${noprune ? ' --no-prune' : ''} ${target ? (isTag ? target.ref : shortId(target.id)) : ''}`;
  return (
    <Modal opened={target !== null} onClose={close} title="Remove image" size="lg">
      <Stack>
        <Text size="sm">
          {isTag ? 'Untag ' : 'Remove '}
          <Code>{target?.ref}</Code>
          {isTag ? ' — the image itself is removed when this is its last tag.' : ' and its layers no other image uses.'}
        </Text>
        <Checkbox
          label="Force (remove even if containers use it, and every tag)"
          checked={force}
          onChange={(e) => setForce(e.currentTarget.checked)}
        />
        <Checkbox
          label="Do not delete untagged parents (--no-prune)"
          checked={noprune}
          onChange={(e) => setNoprune(e.currentTarget.checked)}
        />
        <DialogFooter error={mutation.error} command={command} onCancel={close}>
          <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {isTag ? `Untag ${target?.ref}` : `Remove ${shortId(target?.id ?? '')}`}
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
