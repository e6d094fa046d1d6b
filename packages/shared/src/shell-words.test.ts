import { describe, expect, it } from 'vitest';
import { shellTokens, splitShellWords } from './shell-words.ts';

const words = (line: string) => {
  const r = splitShellWords(line);
  if (!r.ok) throw new Error(r.error);
  return r.words;
};
const error = (line: string) => {
  const r = splitShellWords(line);
  return r.ok ? undefined : r.error;
};

describe('splitShellWords', () => {
  it('splits on blanks, however many', () => {
    expect(words('sh')).toEqual(['sh']);
    expect(words('  ls   -la\t/etc \n')).toEqual(['ls', '-la', '/etc']);
  });

  it('keeps double-quoted words whole (the bug: sh -c "echo a b" was split)', () => {
    expect(words('sh -c "echo a b"')).toEqual(['sh', '-c', 'echo a b']);
    expect(words('sh -c "echo $((6*7)) | cat; exit 3"')).toEqual(['sh', '-c', 'echo $((6*7)) | cat; exit 3']);
  });

  it('keeps single-quoted text literally, backslashes and double quotes included', () => {
    expect(words(`sh -c 'echo "a  b" \\n $HOME'`)).toEqual(['sh', '-c', 'echo "a  b" \\n $HOME']);
  });

  it('escapes only $ ` " \\ and newline inside double quotes', () => {
    expect(words('echo "a \\"b\\" \\$x \\\\ \\n"')).toEqual(['echo', 'a "b" $x \\ \\n']);
    expect(words('echo "one\\\ntwo"')).toEqual(['echo', 'onetwo']);
  });

  it('takes an unquoted backslash as "the next character, literally"', () => {
    expect(words('echo a\\ b \\"q\\" \\|')).toEqual(['echo', 'a b', '"q"', '|']);
    expect(words('echo a\\\nb')).toEqual(['echo', 'ab']);
    expect(words('echo trailing\\')).toEqual(['echo', 'trailing\\']);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(words(`a"b c"'d e'f`)).toEqual(['ab cd ef']);
  });

  it('keeps empty quoted words', () => {
    expect(words(`printf '%s|' "" ''`)).toEqual(['printf', '%s|', '', '']);
  });

  it('refuses an empty command', () => {
    expect(error('')).toMatch(/Enter a command/);
    expect(error('   \t')).toMatch(/Enter a command/);
    expect(error('\\\n')).toMatch(/Enter a command/);
  });

  it('refuses unterminated quotes with a readable message', () => {
    expect(error('sh -c "echo a')).toBe('Unterminated double quote (the " at character 7 is never closed)');
    expect(error("sh -c 'echo a")).toBe("Unterminated single quote (the ' at character 7 is never closed)");
    expect(error('echo "a\\"')).toMatch(/Unterminated double quote/);
  });

  it('refuses unquoted shell operators, pointing at sh -c', () => {
    expect(error('ls | grep x')).toBe(`"|" needs a shell: quote it, or run the command as sh -c '…'`);
    expect(error('sleep 1; echo')).toMatch(/";" needs a shell/);
    expect(error('echo $((6*7))')).toMatch(/"\(" needs a shell/);
  });

  it('expands nothing: variables and globs stay literal text', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, where ${…} is not expanded
    expect(words('echo $HOME "${X}" ${Y} *.txt')).toEqual(['echo', '$HOME', '${X}', '${Y}', '*.txt']);
  });

  it('keeps a # inside a word; a word starting with # begins a comment', () => {
    expect(words('echo a#b "#c" x # the rest')).toEqual(['echo', 'a#b', '#c', 'x']);
  });
});

describe('shellTokens', () => {
  it('gives operators as operators (pasted commands split on && and ;)', () => {
    expect(shellTokens('docker pull x && docker run x; echo hi')).toEqual({
      ok: true,
      tokens: ['docker', 'pull', 'x', { op: '&&' }, 'docker', 'run', 'x', { op: ';' }, 'echo', 'hi'],
    });
  });

  it('joins lines continued with a backslash and CRLF', () => {
    expect(shellTokens('docker run \\\r\n  busybox')).toEqual({ ok: true, tokens: ['docker', 'run', 'busybox'] });
  });
});
