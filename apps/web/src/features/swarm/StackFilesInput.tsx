import { Badge, Button, Code, FileButton, Group, Stack, Text } from '@mantine/core';
import { formatBytes } from '../../lib/format.ts';

/**
 * The files the compose file's secrets and configs name (`file: ./db_password.txt`): each is
 * chosen from this machine and sent with the deploy (like `docker stack deploy` reading them next
 * to the compose file). A secret's file is sent once and never shown again.
 */
export function StackFilesInput({
  refs,
  files,
  onChange,
}: {
  refs: string[];
  files: Record<string, string>;
  onChange: (files: Record<string, string>) => void;
}) {
  if (refs.length === 0) return null;
  const load = (ref: string, file: File | null) => void file?.text().then((text) => onChange({ ...files, [ref]: text }));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Files for secrets and configs
      </Text>
      {refs.map((ref) => (
        <Group key={ref} gap="xs" justify="space-between" wrap="nowrap" data-stack-file={ref}>
          <Code style={{ overflowWrap: 'anywhere' }}>{ref}</Code>
          <Group gap="xs" wrap="nowrap">
            {files[ref] !== undefined ? (
              <Badge variant="light" color="green" radius="sm">
                {formatBytes(new TextEncoder().encode(files[ref]).length)}
              </Badge>
            ) : (
              <Badge variant="light" color="yellow" radius="sm">
                not chosen
              </Badge>
            )}
            <FileButton onChange={(f) => load(ref, f)}>
              {(p) => (
                <Button {...p} size="compact-xs" variant="default" aria-label={`Choose the file ${ref}`}>
                  Choose…
                </Button>
              )}
            </FileButton>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
