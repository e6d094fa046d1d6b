/**
 * Quoting for the `docker` commands Porthole shows (a module of its own: the views that only
 * show commands do not load the run-command parser).
 */

/** Quotes one word for a POSIX shell, leaving plain words (`127.0.0.1:8080:80`) bare. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export const joinWords = (words: string[]): string => words.map(shellQuote).join(' ');
