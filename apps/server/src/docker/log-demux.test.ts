import type { LogLine } from '@porthole/shared/logs';
import { describe, expect, it } from 'vitest';
import { LogDemuxer, engineTime, logTimestamp, parseTimeSpec } from './log-demux.ts';

const TS = '2026-01-01T00:00:00.123456789Z';
const frame = (stream: number, text: string) => {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

function run(tty: boolean, chunks: Buffer[]): LogLine[] {
  const lines: LogLine[] = [];
  const d = new LogDemuxer(tty, (l) => lines.push(l));
  for (const c of chunks) d.push(c);
  d.end();
  return lines;
}

describe('LogDemuxer', () => {
  it('splits multiplexed frames into stdout and stderr lines with timestamps', () => {
    const bytes = Buffer.concat([frame(1, `${TS} out one\n`), frame(2, `${TS} err ü\n`), frame(1, `${TS} out two\n`)]);
    expect(run(false, [bytes])).toEqual([
      [TS, 1, 'out one'],
      [TS, 2, 'err ü'],
      [TS, 1, 'out two'],
    ]);
  });

  it('handles frames and lines split at every byte', () => {
    const bytes = Buffer.concat([frame(1, `${TS} hello `), frame(1, `world\n${TS} second\n`), frame(2, `${TS} e\n`)]);
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(run(false, chunks)).toEqual([
      [TS, 1, 'hello world'],
      [TS, 1, 'second'],
      [TS, 2, 'e'],
    ]);
  });

  it('joins a long line the engine sent as partial messages, each with its own timestamp', () => {
    const TS2 = '2026-01-01T00:00:00.223456789Z';
    const a = 'a'.repeat(16_384);
    const bytes = Buffer.concat([frame(1, `${TS} ${a}`), frame(1, `${TS2} ${a}`), frame(1, `${TS2} end\n`), frame(1, `${TS2} next\n`)]);
    const lines = run(false, [bytes.subarray(0, 20_000), bytes.subarray(20_000)]);
    expect(lines.map((l) => [l[0], l[2].length, l[2].slice(-5)])).toEqual([
      [TS, 2 * 16_384 + 3, 'aaend'],
      [TS2, 4, 'next'],
    ]);
    expect(lines[0]?.[2]).toBe(`${a}${a}end`);
  });

  it('reads a tty stream raw, without header garbage, and drops the CR of CRLF', () => {
    expect(run(true, [Buffer.from(`${TS} \x1b[31mred\x1b[0m\r\n${TS} last`)])).toEqual([
      [TS, 0, '\x1b[31mred\x1b[0m'],
      [TS, 0, 'last'],
    ]);
  });

  it('keeps lines without a timestamp', () => {
    expect(run(true, [Buffer.from('plain\n')])).toEqual([['', 0, 'plain']]);
  });
});

describe('times', () => {
  it('formats fixed-width timestamps and engine times', () => {
    expect(logTimestamp(Date.parse('2026-01-01T00:00:01.5Z'))).toBe('2026-01-01T00:00:01.500000000Z');
    expect(engineTime(TS)).toBe(`${Date.parse(TS.slice(0, 19) + 'Z') / 1000}.123456789`);
    expect(parseTimeSpec('5m', 1_000_000_000)).toBe(String(1_000_000 - 300));
    expect(parseTimeSpec('1700000000')).toBe('1700000000');
    expect(() => parseTimeSpec('yesterday-ish')).toThrow(/Cannot read/);
  });
});
