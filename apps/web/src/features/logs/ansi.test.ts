import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi.ts';

describe('parseAnsi', () => {
  it('turns SGR colours into segments and drops other escapes', () => {
    expect(parseAnsi('a\x1b[31mred\x1b[0m b\x1b[2K')).toEqual([{ text: 'a' }, { text: 'red', color: '#e5534b' }, { text: ' b' }]);
    expect(parseAnsi('\x1b[1;38;5;196mX')).toEqual([{ text: 'X', bold: true, color: 'rgb(255,0,0)' }]);
    expect(parseAnsi('plain')).toEqual([{ text: 'plain' }]);
  });
});
