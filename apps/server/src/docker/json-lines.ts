import type { Readable } from 'node:stream';

/** Calls `onLine` with each parsed JSON value of a newline-delimited JSON stream. */
export function readJsonLines(stream: Readable, onValue: (value: unknown) => void, onBadLine?: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) {
        try {
          onValue(JSON.parse(line));
        } catch {
          onBadLine?.(line);
        }
      }
      nl = buffered.indexOf('\n');
    }
  });
}
