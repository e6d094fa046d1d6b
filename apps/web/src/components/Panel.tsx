import { Paper, Title, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered panel of a detail page with its small title (General, Labels, Connected containers…). */
export function Panel({ title, order = 5, children }: { title: ReactNode; order?: TitleOrder; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Title order={order} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
