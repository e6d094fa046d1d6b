import { Anchor, Group, Text } from '@mantine/core';
import { Fragment } from 'react';
import { EngineLink } from '../lib/engine-paths.tsx';

/** The small "Containers / name" trail above a detail page's title. */
export function Breadcrumbs({ items }: { items: Array<{ to: string; label: string; mono?: boolean }> }) {
  return (
    <Group gap="xs">
      {items.map((item, i) => (
        <Fragment key={item.to}>
          {i > 0 && (
            <Text size="sm" c="dimmed">
              /
            </Text>
          )}
          <Anchor component={EngineLink} to={item.to} size="sm" ff={item.mono ? 'monospace' : undefined}>
            {item.label}
          </Anchor>
        </Fragment>
      ))}
      <Text size="sm" c="dimmed">
        /
      </Text>
    </Group>
  );
}
