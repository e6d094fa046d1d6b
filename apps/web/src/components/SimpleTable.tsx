import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A plain `<table>` with one header row of column names, for detail panels, dialogs and short
 * lists (a list view with sorting, filter and selection uses `DataTable`). Other props go to
 * Mantine's `Table` (`striped`, `stickyHeader`, `verticalSpacing`…). On a phone it scrolls sideways in its own box.
 */
export function SimpleTable({
  label,
  columns,
  children,
  ...table
}: TableProps & { label: string; columns: ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-box">
      <Table aria-label={label} {...table}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </div>
  );
}
