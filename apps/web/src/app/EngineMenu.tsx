import { Group, Menu, Text } from '@mantine/core';
import type { EngineInfo } from '@porthole/shared/engines';
import type { ReactElement } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { switchedPath } from '../lib/engine-paths.tsx';
import { EngineDot } from './EngineSwitcher.tsx';

const HEALTH_COLOUR = { up: 'green', down: 'red', unknown: 'gray' } as const;

/** The engine switcher's menu (loaded on first use, opened then): every engine with its health. */
export default function EngineMenu({
  target,
  onClose,
  engines,
  current,
}: {
  target: ReactElement;
  onClose: () => void;
  engines: EngineInfo[];
  current: string;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Menu position="bottom-start" defaultOpened onClose={onClose} width={260}>
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown aria-label="Engines">
        <Menu.Label>Switch engine</Menu.Label>
        {engines.map((e) => (
          <Menu.Item
            key={e.id}
            onClick={() => navigate(switchedPath(location.pathname, e.id))}
            aria-current={e.id === current ? 'true' : undefined}
            leftSection={<EngineDot colour={e.colour} />}
            rightSection={
              <Text size="xs" c={HEALTH_COLOUR[e.health.state]}>
                {e.health.state}
              </Text>
            }
          >
            <Group gap={4} wrap="nowrap">
              <Text size="sm" fw={e.id === current ? 700 : 400} truncate>
                {e.name}
              </Text>
            </Group>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => navigate('/engines')}>All engines…</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
