import type { KeyboardEvent } from 'react';

/** Where a key press inside a row must stay with the control (typing, menus, selects). */
const OWN_KEYS =
  'input:not([type="checkbox"]):not([type="radio"]), textarea, select, [role="menu"], [role="listbox"], [contenteditable="true"]';

/** What a row hands focus to: its link (Enter then opens it, as links do), else the row itself. */
function focusRow(row: HTMLTableRowElement): void {
  const link = row.querySelector<HTMLElement>('a[href]');
  if (link) {
    link.focus();
    return;
  }
  if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
  row.focus();
}

/**
 * ↑/↓ in a table body move focus to the previous/next row's link (Enter opens it); Home/End to
 * the first/last row. One handler for every `DataTable` (on its `<tbody>`).
 */
export function moveRowFocus(e: KeyboardEvent<HTMLTableSectionElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[e.key];
  if (step === undefined) return;
  const target = e.target as HTMLElement;
  if (target.closest(OWN_KEYS)) return;
  const row = target.closest('tr');
  if (!row || row.parentElement !== e.currentTarget) return;
  const rows = Array.from(e.currentTarget.rows);
  const at = rows.indexOf(row);
  const next = Number.isFinite(step) ? rows[at + step] : step < 0 ? rows[0] : rows.at(-1);
  if (!next || next === row) return;
  e.preventDefault();
  focusRow(next);
}
