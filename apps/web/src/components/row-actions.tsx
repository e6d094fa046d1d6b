import { Button, Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/** The header of a row-actions column (named for screen readers only). */
export function ActionsTh() {
  return (
    <Table.Th>
      <VisuallyHidden>Actions</VisuallyHidden>
    </Table.Th>
  );
}

/** A destructive action in a row (Remove, Disconnect…): small, red, named after what it acts on. */
export function RowDangerButton(props: { label: string; onClick: () => void; disabled?: boolean; title?: string; children: ReactNode }) {
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="red"
      disabled={props.disabled}
      title={props.title}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  );
}
