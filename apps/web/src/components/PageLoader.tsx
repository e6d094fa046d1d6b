import { Center, Loader } from '@mantine/core';

/** What a view shows while its code (its own chunk) loads. */
export function PageLoader() {
  return (
    <Center p="xl" data-testid="page-loader">
      <Loader aria-label="Loading the view" />
    </Center>
  );
}
