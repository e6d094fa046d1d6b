/**
 * An upper bound of the size of the program a regular expression compiles to, read from the
 * pattern text alone, so that a pattern whose counted repetitions multiply into a huge program
 * (`(\w+\s?){1,1000}` × 25 compiles to 175,000 instructions in ~170 ms) is refused *before*
 * RE2 spends that time compiling it.
 *
 * It mirrors RE2's own size estimate (`calcSize` in its parser) and over-counts wherever it is
 * unsure: every character and escape is one unit, a class one, a group two more, `*` `+` `?` two
 * more, `|` one, and `x{n,m}` makes m copies of x (n + 1 for `{n,}`) plus m. An invalid pattern
 * gets some number: RE2 reports what is wrong with it afterwards.
 */
export function patternSizeBound(pattern: string): number {
  const open: number[] = [0];
  /** The size of the last atom or group: what a following `{n,m}` repeats. */
  let last = 0;
  const add = (n: number) => {
    open[open.length - 1] = (open[open.length - 1] ?? 0) + n;
  };
  const atom = (n: number) => {
    add(n);
    last = n;
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const end = escapeEnd(pattern, i);
      atom(pattern[i + 1] === 'Q' ? Math.max(1, end - i) : 1);
      i = end;
    } else if (c === '[') {
      i = classEnd(pattern, i);
      atom(1);
    } else if (c === '(') {
      open.push(0);
      i++;
      // `(?:`, `(?i)`, `(?P<name>`, `(?<name>`: skip the group's flags or name.
      if (pattern[i] === '?') {
        while (i < pattern.length && !':)>'.includes(pattern[i] as string)) i++;
        if (pattern[i] !== ')') i++;
      }
    } else if (c === ')') {
      const inner = open.length > 1 ? (open.pop() ?? 0) : 0;
      atom(inner + 2);
      i++;
    } else if (c === '|') {
      add(1);
      last = 0;
      i++;
    } else if (c === '*' || c === '+' || c === '?') {
      add(2);
      i++;
    } else {
      const repeat = c === '{' ? /^\{(\d{1,7})(,(\d{0,7}))?\}/.exec(pattern.slice(i, i + 18)) : null;
      if (repeat) {
        const min = Number(repeat[1]);
        const max = repeat[2] === undefined ? min : repeat[3] ? Number(repeat[3]) : min + 1;
        add(last * Math.max(max - 1, 0) + max);
        last *= max;
        i += repeat[0].length;
      } else {
        atom(1);
        i++;
      }
    }
  }
  return open.reduce((a, b) => a + b, 0);
}

/** Index after the escape at `i`: `\x`, `\p{Greek}`, `\x{263a}`, `\Q…\E`. */
function escapeEnd(p: string, i: number): number {
  const kind = p[i + 1];
  if (kind === 'Q') {
    const e = p.indexOf('\\E', i + 2);
    return e < 0 ? p.length : e + 2;
  }
  if ((kind === 'p' || kind === 'P' || kind === 'x') && p[i + 2] === '{') {
    const e = p.indexOf('}', i + 3);
    return e < 0 ? p.length : e + 1;
  }
  return Math.min(i + 2, p.length);
}

/** Index after the character class opening at `i` (`[]a]`, `[^]a]`, `[[:alpha:]]`, `[\]]`). */
function classEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length && p[j] !== ']') {
    if (p[j] === '\\') j = escapeEnd(p, j);
    else if (p[j] === '[' && p[j + 1] === ':') {
      const e = p.indexOf(':]', j + 2);
      j = e < 0 ? j + 1 : e + 2;
    } else j++;
  }
  return Math.min(j + 1, p.length);
}
