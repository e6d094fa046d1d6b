import { Alert, Stack, Title } from '@mantine/core';

/** An honest note for a view whose issue has not landed yet (no fake data). */
export function NotBuiltYet({ title, issue }: { title: string; issue: string }) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <Alert color="blue" title="Not built yet">
        This view comes with {issue}. Until then, the Overview shows the engine's live counts.
      </Alert>
    </Stack>
  );
}
