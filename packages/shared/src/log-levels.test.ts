import { describe, expect, it } from 'vitest';
import { detectLevel, LogEntryIndex } from './log-levels.ts';

describe('detectLevel', () => {
  it.each([
    ['level=error msg="disk full"', 'error'],
    ['time=2024-05-01T12:00:00Z lvl=warn msg=slow', 'warn'],
    ['{"time":"x","level":"info","msg":"started"}', 'info'],
    ['{"severity": "WARNING", "message": "m"}', 'warn'],
    ['[ERROR] could not connect', 'error'],
    ['2024/05/01 12:00:00 [warn] 1#1: upstream slow', 'warn'],
    ['ERROR: relation "users" does not exist', 'error'],
    ['ERROR:root:failed to start', 'error'],
    ['2024-05-01 12:00:01.123  INFO 1 --- [main] o.s.Application : Started', 'info'],
    ['2024-05-01 12:00:01 DEBUG cache miss', 'debug'],
    ['Error: ENOENT: no such file', 'error'],
    ['warning: deprecated option', 'warn'],
    ['FATAL: password authentication failed', 'error'],
    ['<notice> listening', 'info'],
  ])('%s → %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });

  it.each(['GET / 200 12ms', 'for more information see the docs', 'errors are counted: 3', 'tick 42', 'the INFORMATION_SCHEMA table'])(
    'no level in %s',
    (line) => {
      expect(detectLevel(line)).toBeUndefined();
    },
  );
});

const lines = (text: string) => text.split('\n');

describe('LogEntryIndex', () => {
  it('keeps a Java stack trace (at …, Caused by, ... N more) with its first line', () => {
    const index = new LogEntryIndex();
    index.sync(
      lines(`INFO starting
ERROR request failed
java.lang.IllegalStateException: boom
\tat com.example.Foo.bar(Foo.java:10)
    at com.example.Main.main(Main.java:3)
Caused by: java.io.IOException: closed
\tat com.example.Io.read(Io.java:7)
\t... 2 more
INFO next request`),
    );
    // "java.lang.IllegalStateException" is a line of its own (no indentation): an entry without level.
    expect(index.starts).toEqual([0, 1, 2, 8]);
    expect(index.end(2, index.lines)).toBe(8);
    expect([0, 1, 2, 3].map((e) => index.levelOf(e))).toEqual(['info', 'error', undefined, 'info']);
    expect(index.counts).toEqual([1, 0, 2, 0]);
  });

  it('keeps a Python traceback, up to and with its exception line, with the line above', () => {
    const index = new LogEntryIndex();
    index.sync(
      lines(`ERROR:root:job failed
Traceback (most recent call last):
  File "job.py", line 3, in <module>
    run()
ValueError: bad input
INFO:root:retrying`),
    );
    expect(index.starts).toEqual([0, 5]);
    expect(index.levelOf(0)).toBe('error');
    expect(index.levelOf(1)).toBe('info');
  });

  it('reads lines as they come, continuing an entry across batches', () => {
    const index = new LogEntryIndex();
    const all = ['level=error msg=panic', '\tgoroutine 1 [running]:'];
    index.sync(all);
    all.push('\tmain.main()', 'level=info msg=ok');
    index.sync(all);
    expect(index.starts).toEqual([0, 3]);
    expect(index.counts).toEqual([1, 0, 1, 0]);
    index.reset();
    index.sync(['warning: x']);
    expect(index.counts).toEqual([0, 1, 0, 0]);
  });
});
