import { Alert, Button, Code, CopyButton, Group, Stack, Switch, Text } from '@mantine/core';
import { runCommand } from '@porthole/shared/run-command';
import { specFromInspect } from '@porthole/shared/run-inspect';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { imageDefaultsQuery } from '../../lib/docker/containers.ts';
import { useContainerDetail } from './detail-context.ts';
import { looksSecret, MASK } from './SecretValue.tsx';
import { useEngineNavigate } from '../../lib/engine-paths.tsx';

/** The `docker run` that would recreate this container, rebuilt from its inspect data. */
export function RunCommandTab() {
  const { engine, container } = useContainerDetail();
  const navigate = useEngineNavigate();
  const image = useQuery(imageDefaultsQuery(engine, container.Image));
  const [reveal, setReveal] = useState(false);
  if (image.isPending) return null;
  const spec = specFromInspect(container, image.data ?? {});
  const command = runCommand(spec);
  const masked = runCommand({
    ...spec,
    env: spec.env.map((e) => (looksSecret(e.key) ? { ...e, value: MASK } : e)),
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Rebuilt from <code>docker inspect</code>: ports, environment, volumes, tmpfs, networks and aliases, limits, security options,
        restart policy, healthcheck, labels and command. Settings the container inherited from its image are left out.
      </Text>
      {image.error && (
        <Alert color="yellow" title="Image not found">
          {image.error.message}: everything inherited from the image (PATH, image labels) is included.
        </Alert>
      )}
      <Code block data-testid="run-command" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} aria-label="docker run command">
        {reveal ? command : masked}
      </Code>
      <Group>
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <Button onClick={copy} variant="default">
              {copied ? 'Copied' : 'Copy command'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => navigate('/containers/new', { state: { paste: command } })}>
          Open in the create form
        </Button>
        {masked !== command && <Switch label="Reveal secrets" checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} />}
      </Group>
    </Stack>
  );
}
