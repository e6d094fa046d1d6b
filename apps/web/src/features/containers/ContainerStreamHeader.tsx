import { Alert, Group, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { ContainerHeaderFallback } from '../../components/StreamHeader.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { containerInspectQuery } from '../../lib/docker/containers.ts';
import { ContainerHeader } from './ContainerHeader.tsx';

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
      <ContainerHeaderFallback id={id} />
      {inspect.isPending && <Loader size="xs" aria-label="Loading the container" />}
      {inspect.error && (
        <Alert color="yellow" py={4} role="alert">
          {inspect.error.message}
        </Alert>
      )}
    </Group>
  );
});
