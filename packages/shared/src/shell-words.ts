/**
 * Splits a command line into words as a POSIX shell would, without expanding anything: blanks
 * separate words; `'…'` keeps everything literally; `"…"` keeps everything but `\` before
 * `$`, `` ` ``, `"`, `\` or a newline; an unquoted `\` keeps the next character literally.
 * `""` and `''` make an empty word. There is no shell, so unquoted operators (`|`, `;`, `&`,
 * `<`, `>`, `(`, `)`, `` ` ``) are refused with a hint to run `sh -c '…'` instead.
 *
 * Used by the terminal: the browser validates before it starts an exec, the server splits the
 * same way before it creates one.
 */
export type ShellWords = { ok: true; words: string[] } | { ok: false; error: string };

const BLANK = /[ \t\n]/;
const OPERATOR = /[|&;<>()`]/;
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (BLANK.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: `Unterminated single quote (the ' at character ${i + 1} is never closed)` };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      i++;
      for (;;) {
        if (i >= line.length) return { ok: false, error: `Unterminated double quote (the " at character ${start + 1} is never closed)` };
        const d = line[i] as string;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] as string)) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) word += '\\';
      else if (next !== '\n') word += next;
      inWord = inWord || next !== '\n';
      i += 2;
    } else if (OPERATOR.test(c)) {
      return { ok: false, error: `"${c}" needs a shell: quote it, or run the command as sh -c '…'` };
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) return { ok: false, error: 'Enter a command to run, e.g. sh' };
  return { ok: true, words };
}
