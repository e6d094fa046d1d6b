import { Code, Group, Table } from '@mantine/core';

/** A network endpoint's address (IPv4, IPv6, MAC) in a table cell: monospace, "—" when it has none. */
export function AddressCell({ value }: { value: string | undefined }) {
  return (
    <Table.Td ff="monospace" fz="xs">
      {value || '—'}
    </Table.Td>
  );
}

/** A network endpoint's aliases in a table cell. */
export function AliasesCell({ aliases }: { aliases: string[] }) {
  return (
    <Table.Td>
      <Group gap={4}>
        {aliases.map((a) => (
          <Code key={a}>{a}</Code>
        ))}
      </Group>
    </Table.Td>
  );
}
