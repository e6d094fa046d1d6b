import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import type { UserInfo } from '@porthole/shared/users';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { SecretOnce } from '../../components/SecretOnce.tsx';
import { generatePassword, updateUser, userKeys } from '../../lib/users.ts';

/** An admin's reset: a generated password, shown once; the user is signed out everywhere. */
export function ResetPasswordModal({ user, onClose }: { user: UserInfo; onClose: () => void }) {
  const client = useQueryClient();
  const [password] = useState(generatePassword);
  const reset = useMutation({
    mutationFn: () => updateUser(user.id, { password }),
    onSuccess: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
  return (
    <Modal opened onClose={onClose} title={`Reset the password of ${user.username}?`}>
      <Stack>
        {reset.isSuccess ? (
          <>
            <Alert color="green" title="New password — copy it now, it is shown only once" role="status">
              <SecretOnce value={password} testId="new-password" />
              <Text size="xs" mt="xs">
                {user.username} will be asked to choose their own after signing in.
              </Text>
            </Alert>
            <Button onClick={onClose}>Done</Button>
          </>
        ) : (
          <>
            <Text size="sm">
              <b>{user.username}</b> gets a new generated password; their current one stops working.
            </Text>
            <DialogFooter error={reset.error} command={`PATCH /api/users/${user.id} {"password":"…"}`} onCancel={onClose}>
              <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
                Reset password of {user.username}
              </Button>
            </DialogFooter>
          </>
        )}
      </Stack>
    </Modal>
  );
}
