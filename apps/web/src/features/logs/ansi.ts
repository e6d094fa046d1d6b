/**
 * ANSI SGR colours (ESC[...m) to styled segments. Hand-written rather than a library such as
 * ansi-to-html: those produce HTML strings (we would need dangerouslySetInnerHTML for untrusted
 * container output), and we only need the 16/256/truecolour SGR subset as React props — about
 * 60 lines. Other escape sequences are dropped.
 */
export interface AnsiSegment {
  text: string;
  color?: string;
  background?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const BASIC = ['#4d4d4d', '#e5534b', '#57ab5a', '#c69026', '#539bf5', '#b083f0', '#39c5cf', '#adbac7'];
const BRIGHT = ['#768390', '#ff938a', '#6bc46d', '#daaa3f', '#6cb6ff', '#dcbdfb', '#56d4dd', '#f0f6fc'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences is the point
const ESCAPE = /\x1b\[([0-9;]*)([A-Za-z])|\x1b\][^\x07]*\x07|[\x00-\x08\x0b-\x1f]/g;

function color256(n: number): string {
  if (n < 8) return BASIC[n] as string;
  if (n < 16) return BRIGHT[n - 8] as string;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const c = n - 16;
  const f = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${f(Math.floor(c / 36))},${f(Math.floor(c / 6) % 6)},${f(c % 6)})`;
}

export function hasAnsi(text: string): boolean {
  return text.includes('\x1b');
}

export function parseAnsi(text: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let style: Omit<AnsiSegment, 'text'> = {};
  let last = 0;
  for (const m of text.matchAll(ESCAPE)) {
    if (m.index > last) out.push({ ...style, text: text.slice(last, m.index) });
    last = m.index + m[0].length;
    if (m[2] !== 'm') continue;
    const codes = (m[1] || '0').split(';').map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i] as number;
      if (c === 0) style = {};
      else if (c === 1) style.bold = true;
      else if (c === 2) style.dim = true;
      else if (c === 3) style.italic = true;
      else if (c === 4) style.underline = true;
      else if (c === 22) style = { ...style, bold: false, dim: false };
      else if (c >= 30 && c <= 37) style.color = BASIC[c - 30];
      else if (c >= 90 && c <= 97) style.color = BRIGHT[c - 90];
      else if (c >= 40 && c <= 47) style.background = BASIC[c - 40];
      else if (c >= 100 && c <= 107) style.background = BRIGHT[c - 100];
      else if (c === 39) style.color = undefined;
      else if (c === 49) style.background = undefined;
      else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
        style[c === 38 ? 'color' : 'background'] = color256(codes[i + 2] ?? 0);
        i += 2;
      } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
        style[c === 38 ? 'color' : 'background'] = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
        i += 4;
      }
    }
  }
  if (last < text.length) out.push({ ...style, text: text.slice(last) });
  return out;
}
