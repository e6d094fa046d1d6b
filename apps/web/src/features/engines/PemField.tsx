import { Button, FileButton, Group, Text, Textarea } from '@mantine/core';

/**
 * A certificate or key: pasted, or read from a file. A stored key is never shown again: the field
 * then says "key stored" and stays empty (empty = keep it).
 */
export function PemField({
  label,
  value,
  onChange,
  stored,
  placeholder = '-----BEGIN …-----',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  stored?: boolean;
  placeholder?: string;
}) {
  return (
    <div>
      <Group justify="space-between" gap="xs" mb={2}>
        <Text size="sm" fw={500} component="span">
          {label}
        </Text>
        <Group gap="xs">
          {stored && !value && (
            <Text size="xs" c="teal" data-testid="key-stored">
              ✓ stored (leave empty to keep)
            </Text>
          )}
          <FileButton onChange={(f) => void f?.text().then(onChange)}>
            {(props) => (
              <Button {...props} size="compact-xs" variant="default" aria-label={`Load ${label} from a file`}>
                From file…
              </Button>
            )}
          </FileButton>
        </Group>
      </Group>
      <Textarea
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        placeholder={stored ? 'stored — paste to replace' : placeholder}
        autosize
        minRows={2}
        maxRows={5}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
        spellCheck={false}
        autoComplete="off"
      />
    </div>
  );
}
