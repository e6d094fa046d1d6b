import type { AuditEntry } from '@porthole/shared/audit';

const FIELDS: Array<keyof AuditEntry> = [
  'id',
  'at',
  'user',
  'tokenName',
  'role',
  'engine',
  'action',
  'target',
  'targetName',
  'result',
  'status',
  'message',
  'client',
];

/** One CSV cell: quoted when needed; a leading `= + - @` is defused (spreadsheet formulas). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The entries as CSV (RFC 4180, a header line; `at` as ISO time). */
export function auditCsv(entries: AuditEntry[]): string {
  const lines = [FIELDS.join(',')];
  for (const e of entries) lines.push(FIELDS.map((f) => cell(f === 'at' ? new Date(e.at).toISOString() : e[f])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
