import { ActionIcon, Menu, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authKeys, logout } from '../lib/auth.ts';

/** The header's account menu, loaded by Layout's UserMenu on first use (and open then). */
export default function AccountMenu({ username, role }: { username: string; role: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const out = useMutation({
    mutationFn: () => logout(),
    onSettled: () => {
      client.clear();
      client.setQueryData(authKeys.me, null);
      navigate('/login');
    },
  });
  return (
    <Menu position="bottom-end" defaultOpened>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={`Account ${username}`} w="auto" px="xs">
          <Text size="sm">{username}</Text>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Role: {role}</Menu.Label>
        <Menu.Item onClick={() => navigate('/settings')}>Settings & API tokens</Menu.Item>
        <Menu.Item color="red" onClick={() => out.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
