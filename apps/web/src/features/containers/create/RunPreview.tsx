import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { FieldErrors } from '@porthole/shared/run-create';
import { previewParts } from '@porthole/shared/run-preview';
import type { RunSpec } from '@porthole/shared/run-spec';

/** Where an invalid value would go. */
const INVALID = {
  color: 'var(--mantine-color-red-text)',
  background: 'var(--mantine-color-red-light)',
  borderRadius: 3,
  padding: '0 2px',
} as const;

/**
 * The live `docker run` equivalent of the form, with copy. An invalid value is never shown (nor
 * copied): a marked gap stands where it goes, its error on hover.
 */
export function RunPreview({ spec, errors }: { spec: RunSpec; errors: FieldErrors }) {
  const lines = previewParts(spec, errors);
  const invalid = lines.flat().filter((p) => 'invalid' in p).length;
  const command = lines.map((line) => line.map((p) => ('text' in p ? p.text : '')).join('')).join('\n');
  return (
    <Paper withBorder p="md" radius="md" aria-label="docker run preview">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>docker run</Title>
          <CopyButton value={command}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="default"
                onClick={copy}
                disabled={invalid > 0}
                title={invalid ? 'Fix the marked values first' : undefined}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Code
          block
          data-testid="run-preview"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: '60vh', overflow: 'auto' }}
        >
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one command, in order
            <span key={i}>
              {i > 0 && '\n'}
              {line.map((p, j) =>
                'text' in p ? (
                  p.text
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: parts of one line, in order
                  <mark key={j} style={INVALID} title={p.message} data-invalid={p.invalid}>
                    ‹invalid›
                  </mark>
                ),
              )}
            </span>
          ))}
        </Code>
        {invalid > 0 && (
          <Text size="xs" c="red" role="status">
            {invalid === 1 ? 'One value is' : `${invalid} values are`} invalid: marked above, and at the field{invalid === 1 ? '' : 's'}.
          </Text>
        )}
        {spec.networks.length > 1 && (
          <Text size="xs" c="dimmed">
            Engine API 1.41 connects one network at create: the others are connected before start, as above.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
