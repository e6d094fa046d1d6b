import type { Readable } from 'node:stream';

/**
 * The server's one reader of newline-delimited JSON (the Engine API's events, stats frames and
 * pull/push/build progress): calls `onValue` with each parsed value as it arrives, `onBadLine`
 * with a line that is not JSON. A last line without its newline is read when the stream ends.
 */
export function readJsonLines<T = unknown>(stream: Readable, onValue: (value: T) => void, onBadLine?: (line: string) => void): void {
  let buffered = '';
  const take = (raw: string) => {
    const line = raw.trim();
    if (!line) return;
    let value: T;
    try {
      value = JSON.parse(line) as T;
    } catch {
      onBadLine?.(line);
      return;
    }
    onValue(value);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      take(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  });
  stream.once('end', () => {
    take(buffered);
    buffered = '';
  });
}
