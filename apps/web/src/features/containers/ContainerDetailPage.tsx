import { Alert, Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useEngine } from '../../lib/engine-status.tsx';
import { containerInspectQuery } from '../../lib/docker/containers.ts';
import type { ContainerDetailContext } from './detail-context.ts';
import { ContainerHeader } from './ContainerHeader.tsx';
import { EngineLink } from '../../lib/engine-paths.tsx';

export function ContainerDetailPage() {
  const engine = useEngine();
  const { id = '' } = useParams();
  const inspect = useQuery(containerInspectQuery(engine, id));

  if (inspect.error instanceof ApiError && inspect.error.status === 404) {
    return (
      <Alert color="yellow" title="No such container" role="alert">
        {inspect.error.message}. It may have been removed.{' '}
        <Anchor component={EngineLink} to="/containers">
          Back to the containers
        </Anchor>
      </Alert>
    );
  }
  const c = inspect.data;
  const context: ContainerDetailContext | undefined = c ? { engine, id: c.Id, container: c } : undefined;
  return (
    <QueryState isPending={inspect.isPending} error={inspect.error}>
      {c && context && (
        <Stack>
          <ContainerHeader id={id} container={c} />
          <Outlet context={context} />
        </Stack>
      )}
    </QueryState>
  );
}
