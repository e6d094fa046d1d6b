import { Alert, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';

/** Loading and error states for a query, with the server's (or engine's) message. */
export function QueryState({ isPending, error, children }: { isPending: boolean; error: Error | null; children: ReactNode }) {
  if (error) {
    return (
      <Alert color="red" role="alert" title="Could not load">
        {error.message}
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  return children;
}
