import { Anchor, Badge, List, Paper, Text, Title } from '@mantine/core';
import { emptyRunSpec, type RunSpec } from '@porthole/shared/run-spec';
import { type ReactNode, type RefObject, useLayoutEffect, useState } from 'react';

const EMPTY = emptyRunSpec();
const changed = (spec: RunSpec, keys: Array<keyof RunSpec>) => keys.some((k) => JSON.stringify(spec[k]) !== JSON.stringify(EMPTY[k]));

/**
 * One section of the create form, as a disclosure (`<details>`): the everyday ones start open, the
 * advanced ones closed — and open by themselves when they hold a setting (a pasted command) or an
 * invalid field. Its fields stay in the page when closed, so nothing set in it is lost.
 */
export function FormSection({
  title,
  spec,
  keys,
  open: startOpen = false,
  children,
}: {
  title: string;
  spec: RunSpec;
  /** The settings the section edits: it shows how many are set, and opens when one is. */
  keys: Array<keyof RunSpec>;
  open?: boolean;
  children: ReactNode;
}) {
  const set = keys.filter((k) => changed(spec, [k])).length;
  const [toggled, setToggled] = useState<boolean | undefined>(undefined);
  const open = toggled ?? (startOpen || set > 0);
  return (
    <Paper withBorder radius="md" component="section" aria-label={title}>
      <details
        open={open}
        onToggle={(e) => {
          const now = e.currentTarget.open;
          if (now !== open) setToggled(now);
        }}
      >
        <summary style={{ cursor: 'pointer', padding: 'var(--mantine-spacing-md)', listStylePosition: 'inside' }}>
          <Title order={4} display="inline">
            {title}
          </Title>
          {set > 0 && !open && (
            <Badge size="sm" variant="light" ml="xs">
              {set} set
            </Badge>
          )}
        </summary>
        <div style={{ padding: '0 var(--mantine-spacing-md) var(--mantine-spacing-md)' }}>{children}</div>
      </details>
    </Paper>
  );
}

interface Problem {
  id: string;
  label: string;
  message: string;
}

/** The label a user sees for a field: its `<label>`, else its aria-label. */
function labelOf(el: HTMLElement): string {
  const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.id;
  return label.replace(/\s*\*$/, '').trim();
}

/** The error text Mantine shows under a field (the described-by element that is its error). */
function messageOf(el: HTMLElement): string {
  for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
    const node = document.getElementById(id);
    if (node && id.endsWith('-error')) return node.textContent ?? '';
  }
  return 'Invalid value';
}

/** Opens the section a field is in, scrolls to the field and focuses it. */
function goTo(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const details = el.closest('details');
  if (details && !details.open) details.open = true;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

/**
 * The form's invalid fields as the user sees them — label and message, in page order — read from
 * the fields themselves (`aria-invalid`), so the summary names what the page shows, whatever
 * section or row a field is in. Each links to its field.
 */
export function ErrorSummary({ form, errorKeys }: { form: RefObject<HTMLFormElement | null>; errorKeys: string }) {
  const [problems, setProblems] = useState<Problem[]>([]);
  // Re-read after every change of the errors (errorKeys: their keys and messages, joined).
  // biome-ignore lint/correctness/useExhaustiveDependencies: errorKeys is the trigger
  useLayoutEffect(() => {
    const fields = [...(form.current?.querySelectorAll<HTMLElement>('[aria-invalid="true"]') ?? [])].filter((el) => el.id);
    setProblems(fields.map((el) => ({ id: el.id, label: labelOf(el), message: messageOf(el) })));
    for (const el of fields) {
      const details = el.closest('details');
      if (details && !details.open) details.open = true;
    }
  }, [errorKeys, form]);
  if (!problems.length) return null;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      role="alert"
      aria-label={`${problems.length} field${problems.length > 1 ? 's' : ''} to fix`}
      bg="var(--mantine-color-red-light)"
    >
      <Text fw={600} size="sm" mb={4}>
        {problems.length} field{problems.length > 1 ? 's' : ''} to fix
      </Text>
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={p.id}>
            <Anchor component="button" type="button" size="sm" onClick={() => goTo(p.id)} style={{ textAlign: 'left' }}>
              {p.label}
            </Anchor>
            : {p.message}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
