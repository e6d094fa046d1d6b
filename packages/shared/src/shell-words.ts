import { parse } from 'shell-quote';

/**
 * The one shell splitter of Porthole (the terminal's command line, pasted `docker run` commands, a
 * container's command): shell-quote's `parse`, with POSIX rules shell-quote does not keep applied
 * before it runs. Nothing is expanded: `$VAR`, `${VAR}` and globs stay literal text; a backslash
 * before a newline joins the lines; a `#` inside a word is part of it (only a word that starts
 * with `#` begins a comment); a trailing lone backslash stays a backslash. A quote that is never
 * closed is refused, naming where it was opened.
 */

/** A word, or a shell operator (`|`, `&&`, `;`, `(`…) that only a shell could run. */
export type ShellToken = string | { op: string };

export type ShellTokens = { ok: true; tokens: ShellToken[] } | { ok: false; error: string };
export type ShellWords = { ok: true; words: string[] } | { ok: false; error: string };

const WORD_END = /[\s|&;<>()]/;

/** Escapes what shell-quote would expand or drop, and checks that every quote is closed. */
function prepare(line: string): { ok: true; text: string } | { ok: false; error: string } {
  let out = '';
  let quote: "'" | '"' | undefined;
  let opened = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      out += c;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === '\n') i++;
      else if (next === '\r' && line[i + 2] === '\n') i += 2;
      else if (next === undefined) out += '\\\\';
      else {
        out += c + next;
        i++;
      }
    } else if (c === '$') {
      out += '\\$';
    } else if (c === '#' && !quote && i > 0 && !WORD_END.test(line[i - 1] as string)) {
      out += '\\#';
    } else {
      if (c === '"' || (c === "'" && !quote)) {
        if (quote === c) quote = undefined;
        else if (!quote) {
          quote = c as "'" | '"';
          opened = i;
        }
      }
      out += c;
    }
  }
  if (quote === "'") return { ok: false, error: `Unterminated single quote (the ' at character ${opened + 1} is never closed)` };
  if (quote === '"') return { ok: false, error: `Unterminated double quote (the " at character ${opened + 1} is never closed)` };
  return { ok: true, text: out };
}

/** Splits a line into words and operators; a comment ends it; globs are plain words. */
export function shellTokens(line: string): ShellTokens {
  const prepared = prepare(line);
  if (!prepared.ok) return prepared;
  const tokens: ShellToken[] = [];
  for (const entry of parse(prepared.text)) {
    if (typeof entry === 'string') tokens.push(entry);
    else if ('comment' in entry) break;
    else if (entry.op === 'glob') tokens.push(entry.pattern);
    else tokens.push({ op: entry.op });
  }
  return { ok: true, tokens };
}

/**
 * The words of a command line to run without a shell (the terminal: the browser validates before it
 * starts an exec, the server splits the same way before it creates one). Operators are refused with
 * a hint to run `sh -c '…'` instead; an empty line is refused.
 */
export function splitShellWords(line: string): ShellWords {
  const split = shellTokens(line);
  if (!split.ok) return split;
  const words: string[] = [];
  for (const token of split.tokens) {
    if (typeof token !== 'string') return { ok: false, error: `"${token.op}" needs a shell: quote it, or run the command as sh -c '…'` };
    words.push(token);
  }
  if (words.length === 0) return { ok: false, error: 'Enter a command to run, e.g. sh' };
  return { ok: true, words };
}
