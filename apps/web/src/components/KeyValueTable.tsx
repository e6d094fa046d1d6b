import { Table, Text } from '@mantine/core';

/** Keys and values (labels, driver options) as a two-column table of monospace text; "None" when empty. */
export function KeyValueTable({ label, data }: { label: string; data?: Record<string, string> | null }) {
  const rows = Object.entries(data ?? {});
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  return (
    <Table aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td ff="monospace" fz="xs">
              {k}
            </Table.Td>
            <Table.Td ff="monospace" fz="xs" style={{ overflowWrap: 'anywhere' }}>
              {v}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
