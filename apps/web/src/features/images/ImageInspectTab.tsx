import { Code, Group } from '@mantine/core';
import { CliHint } from '../../components/CliHint.tsx';
import { shortId } from '../../lib/format.ts';
import type { ImageInspect } from '../../lib/docker/images.ts';

/** The engine's `docker image inspect` JSON, as is. */
export function ImageInspectTab({ image }: { image: ImageInspect }) {
  return (
    <div>
      <Group justify="flex-end" mb="xs">
        <CliHint command={`docker image inspect ${shortId(image.Id)}`} />
      </Group>
      <Code block aria-label="Image inspect JSON" fz="xs">
        {JSON.stringify(image, null, 2)}
      </Code>
    </div>
  );
}
