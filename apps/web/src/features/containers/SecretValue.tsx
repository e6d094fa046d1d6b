import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { SECRET_NAME } from '../../lib/docker/containers.ts';

export const looksSecret = (name: string) => SECRET_NAME.test(name);
export const MASK = '••••••••';

/** A value shown masked when its name looks secret, until the user reveals it. */
export function SecretValue({ name, value }: { name: string; value: string }) {
  const [shown, setShown] = useState(false);
  if (!looksSecret(name)) {
    return (
      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" ff="monospace" data-testid={`env-value-${name}`} style={{ wordBreak: 'break-all' }}>
        {shown ? value : MASK}
      </Text>
      <Tooltip label={shown ? 'Hide' : 'Reveal'}>
        <ActionIcon variant="subtle" size="sm" onClick={() => setShown((s) => !s)} aria-label={`${shown ? 'Hide' : 'Reveal'} ${name}`}>
          {shown ? '◉' : '◎'}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
