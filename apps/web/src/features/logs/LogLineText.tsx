import { Badge } from '@mantine/core';
import { memo, type ReactNode } from 'react';
import { hasAnsi, parseAnsi } from './ansi.ts';

const LEVEL_COLOR: Record<string, string> = {
  trace: 'gray',
  debug: 'gray',
  info: 'blue',
  notice: 'blue',
  warn: 'yellow',
  warning: 'yellow',
  error: 'red',
  err: 'red',
  fatal: 'red',
  critical: 'red',
  panic: 'red',
};

function highlight(text: string, re: RegExp | undefined): ReactNode {
  if (!re) return text;
  const parts: ReactNode[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') break;
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(<mark key={m.index}>{m[0]}</mark>);
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A JSON log line: level as a coloured badge, the message, then the other fields. */
function JsonLine({ value, re }: { value: Record<string, unknown>; re?: RegExp }) {
  const levelKey = ['level', 'lvl', 'severity', 'log.level'].find((k) => typeof value[k] === 'string');
  const msgKey = ['msg', 'message', 'text'].find((k) => typeof value[k] === 'string');
  const level = levelKey ? String(value[levelKey]) : undefined;
  const rest = Object.entries(value).filter(([k]) => k !== levelKey && k !== msgKey);
  return (
    <>
      {level && (
        <Badge size="xs" radius="sm" variant="light" color={LEVEL_COLOR[level.toLowerCase()] ?? 'gray'} mr={6}>
          {level}
        </Badge>
      )}
      {msgKey && <span>{highlight(String(value[msgKey]), re)} </span>}
      {rest.map(([k, v]) => (
        <span key={k} className="log-json-field">
          <span className="log-json-key">{k}=</span>
          {highlight(typeof v === 'string' ? v : JSON.stringify(v), re)}{' '}
        </span>
      ))}
    </>
  );
}

/** One log line's text: ANSI colours rendered, JSON pretty-printed, search matches highlighted. */
export const LogLineText = memo(function LogLineText({ text, re }: { text: string; re?: RegExp }) {
  if (text.startsWith('{') && text.endsWith('}')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return <JsonLine value={value as Record<string, unknown>} re={re} />;
    } catch {
      // not JSON after all
    }
  }
  if (!hasAnsi(text)) return <>{highlight(text, re)}</>;
  return (
    <>
      {parseAnsi(text).map((seg, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable line
          key={i}
          style={{
            color: seg.color,
            background: seg.background,
            fontWeight: seg.bold ? 700 : undefined,
            opacity: seg.dim ? 0.7 : undefined,
            fontStyle: seg.italic ? 'italic' : undefined,
            textDecoration: seg.underline ? 'underline' : undefined,
          }}
        >
          {highlight(seg.text, re)}
        </span>
      ))}
    </>
  );
});
