/**
 * Log levels and multi-line entries of a container's log, for the logs view's level filter and
 * stack-trace folding. Pure and incremental: a live log only ever adds lines at the end.
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Most severe first: the order of the level chips. */
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

const WORDS: Record<string, LogLevel> = {
  error: 'error',
  err: 'error',
  eror: 'error',
  fatal: 'error',
  crit: 'error',
  critical: 'error',
  panic: 'error',
  emerg: 'error',
  alert: 'error',
  severe: 'error',
  warn: 'warn',
  warning: 'warn',
  info: 'info',
  information: 'info',
  notice: 'info',
  debug: 'debug',
  dbug: 'debug',
  trace: 'debug',
  verbose: 'debug',
};
const WORD = 'error|err|eror|fatal|crit|critical|panic|emerg|alert|severe|warn|warning|info|information|notice|debug|dbug|trace|verbose';

/** `level=warn`, `lvl=info`, JSON `"level":"error"`, `"severity": "WARNING"`. */
const KEY_VALUE = /\b(?:level|lvl|severity|loglevel)"?\s*[=:]\s*"?([A-Za-z]+)/i;
/** `[ERROR]`, `[warn]`, `<info>`. */
const BRACKETED = new RegExp(`[[<](${WORD})[\\]>]`, 'i');
/** An upper-case level word on its own near the start: `2024-05-01 12:00:01 ERROR …`, `ERROR: …`, `WARN  [main] …`. */
const UPPER_WORD = /(?:^|[\s|:])(ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|WARN|WARNING|INFO|NOTICE|DEBUG|TRACE)(?=[\s:|\]]|$)/;
/** A level word that starts the line: `error: …`, `Warning: …`, `Error: boom`. */
const LEADING_WORD = new RegExp(`^\\s*(${WORD})\\b[:\\s]`, 'i');

/** How far into a line the level is looked for (a level is stated near the start). */
const HEAD = 200;

/** The level a log line states, from the common formats; undefined when it states none. */
export function detectLevel(text: string): LogLevel | undefined {
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  const m = KEY_VALUE.exec(head) ?? BRACKETED.exec(head) ?? UPPER_WORD.exec(head.slice(0, 80)) ?? LEADING_WORD.exec(head);
  return m?.[1] ? WORDS[m[1].toLowerCase()] : undefined;
}

/** Lines that continue the entry above them, whatever came before. */
const CONTINUES = /^(?:\s+at\s|\s*\.\.\.\s\d+\s(?:more|common frames omitted)|\s*Caused by:|\s*Suppressed:|\t)/;
const TRACEBACK = /^\s*Traceback \(most recent call last\):/;

/**
 * The entries of a log: each starts at a line of its own and takes the continuation lines that
 * follow it (indented `at …` frames, `... 3 more`, `Caused by:`, tab-indented lines, a Python
 * `Traceback` with its indented frames and the exception line that ends it). An entry's level is
 * its first line's. Fed with `sync` as lines come; rebuilt from scratch with `reset`.
 */
export class LogEntryIndex {
  /** First line of each entry. */
  starts: number[] = [];
  /** Level of each entry (0 = none, else 1 + index in LOG_LEVELS). */
  levels: number[] = [];
  /** Entries per level, in LOG_LEVELS order. */
  counts = [0, 0, 0, 0];
  /** Lines read so far. */
  lines = 0;
  private inTraceback = false;

  reset(): void {
    this.starts = [];
    this.levels = [];
    this.counts = [0, 0, 0, 0];
    this.lines = 0;
    this.inTraceback = false;
  }

  /** Reads the lines past the ones already read. */
  sync(texts: readonly string[]): void {
    for (let i = this.lines; i < texts.length; i++) this.add(texts[i] ?? '', i);
    this.lines = texts.length;
  }

  /** The line after the last one of entry `e` (`total` = lines held). */
  end(e: number, total: number): number {
    return this.starts[e + 1] ?? total;
  }

  levelOf(e: number): LogLevel | undefined {
    const l = this.levels[e] ?? 0;
    return l ? LOG_LEVELS[l - 1] : undefined;
  }

  private add(text: string, i: number): void {
    if (i > 0 && this.continues(text)) return;
    const level = detectLevel(text);
    const l = level ? LOG_LEVELS.indexOf(level) + 1 : 0;
    this.starts.push(i);
    this.levels.push(l);
    if (l) this.counts[l - 1] = (this.counts[l - 1] ?? 0) + 1;
  }

  private continues(text: string): boolean {
    if (TRACEBACK.test(text)) {
      this.inTraceback = true;
      return true;
    }
    if (this.inTraceback) {
      // Indented frames and source lines; the first line back at the margin is the exception, and ends it.
      if (!/^\s/.test(text)) this.inTraceback = false;
      return true;
    }
    return CONTINUES.test(text);
  }
}
