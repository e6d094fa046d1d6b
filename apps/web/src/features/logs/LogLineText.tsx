import { Badge } from '@mantine/core';
import type { LogMatcher } from '@porthole/shared/log-match';
import { memo, type ReactNode } from 'react';
import { hasAnsi, parseAnsi } from './ansi.ts';
import { highlightSegments } from './search.ts';

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

function highlight(text: string, matcher: LogMatcher | undefined): ReactNode {
  if (!matcher) return text;
  const segments = highlightSegments(text, matcher);
  if (segments.length === 1 && !segments[0]?.mark) return text;
  return segments.map((s) => (s.mark ? <mark key={s.at}>{s.text}</mark> : s.text));
}

/** A JSON log line: level as a coloured badge, the message, then the other fields. */
function JsonLine({ value, matcher }: { value: Record<string, unknown>; matcher?: LogMatcher }) {
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
      {msgKey && <span>{highlight(String(value[msgKey]), matcher)} </span>}
      {rest.map(([k, v]) => (
        <span key={k} className="log-json-field">
          <span className="log-json-key">{k}=</span>
          {highlight(typeof v === 'string' ? v : JSON.stringify(v), matcher)}{' '}
        </span>
      ))}
    </>
  );
}

/** One log line's text: ANSI colours rendered, JSON pretty-printed, search matches highlighted. */
export const LogLineText = memo(function LogLineText({ text, matcher }: { text: string; matcher?: LogMatcher }) {
  if (text.startsWith('{') && text.endsWith('}')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value))
        return <JsonLine value={value as Record<string, unknown>} matcher={matcher} />;
    } catch {
      // not JSON after all
    }
  }
  if (!hasAnsi(text)) return <>{highlight(text, matcher)}</>;
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
          {highlight(seg.text, matcher)}
        </span>
      ))}
    </>
  );
});
