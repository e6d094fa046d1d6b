import { Alert, Anchor, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { Link } from 'react-router';
import { useEngine } from '../../lib/engine-status.tsx';
import { containerInspectQuery } from '../../lib/docker/containers.ts';
import { ContainerHeader } from '../containers/ContainerHeader.tsx';

/**
 * The header of a container's live views (`/containers/:id/logs|stats|terminal|files`): the same
 * title, actions and tab bar as the container detail page (the same cached inspect), so the live
 * views read as tabs of the container.
 */
export const ContainerStreamHeader = memo(function ContainerStreamHeader({ id }: { id: string }) {
  const engine = useEngine();
  const inspect = useQuery(containerInspectQuery(engine, id));
  if (inspect.data) return <ContainerHeader id={id} container={inspect.data} />;
  return (
    <Group gap="sm" mb="xs">
      <Anchor component={Link} to="/containers" size="sm">
        Containers
      </Anchor>
      <Text c="dimmed">/</Text>
      <Text ff="monospace">{id.slice(0, 12)}</Text>
      {inspect.isPending && <Loader size="xs" aria-label="Loading the container" />}
      {inspect.error && (
        <Alert color="yellow" py={4} role="alert">
          {inspect.error.message}
        </Alert>
      )}
    </Group>
  );
});
