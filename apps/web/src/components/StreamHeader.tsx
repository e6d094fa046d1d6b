import { Anchor, Group, Text } from '@mantine/core';
import { type ComponentType, createContext, memo, useContext } from 'react';
import { EngineLink } from '../lib/engine-paths.tsx';

type HeaderComponent = ComponentType<{ id: string }>;

/** What shows until the container's own header is there: the way back and the id. */
export function ContainerHeaderFallback({ id }: { id: string }) {
  return (
    <Group gap="sm" mb="xs">
      <Anchor component={EngineLink} to="/containers" size="sm">
        Containers
      </Anchor>
      <Text c="dimmed">/</Text>
      <Text ff="monospace">{id.slice(0, 12)}</Text>
    </Group>
  );
}

/**
 * The header of a container's live views (logs, stats, terminal, files): the container's title,
 * actions and tab bar, so they read as tabs of the container. The containers feature draws it and
 * the app puts it in this slot (a feature never imports another); a live view only renders
 * `<ContainerStreamHeader id={id} />`, and its connection state with `LiveStateBadge`.
 */
export const ContainerHeaderSlot = createContext<HeaderComponent>(ContainerHeaderFallback);

/** Memoised: a live log re-renders its page on every line, and the header has nothing new to show. */
export const ContainerStreamHeader = memo(function ContainerStreamHeader({ id }: { id: string }) {
  const Header = useContext(ContainerHeaderSlot);
  return <Header id={id} />;
});
