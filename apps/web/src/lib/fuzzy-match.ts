/**
 * Fuzzy matching for the command palette: every word of the query must occur in the text as a
 * subsequence (case-insensitive); the score rewards letters that follow each other and letters at
 * the start of a word, so "web log" ranks "web-1 · Logs" before "my-webapp-catalog".
 * Returns undefined when the text does not match.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = text.toLowerCase();
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, hay);
    if (score === undefined) return undefined;
    total += score;
  }
  // Shorter texts first among equals: "Images" before "Images · build".
  return total - hay.length / 1000;
}

const isWordStart = (hay: string, i: number) => i === 0 || /[\s\-_./:·@]/.test(hay[i - 1] ?? '');

/** The best of a greedy subsequence match starting at each occurrence of the word's first letter. */
function wordScore(word: string, hay: string): number | undefined {
  let best: number | undefined;
  for (let start = hay.indexOf(word[0] ?? ''); start >= 0; start = hay.indexOf(word[0] ?? '', start + 1)) {
    let score = 0;
    let at = start;
    let prev = -2;
    for (const ch of word) {
      at = hay.indexOf(ch, at);
      if (at < 0) break;
      score += 1 + (at === prev + 1 ? 3 : 0) + (isWordStart(hay, at) ? 2 : 0);
      prev = at;
      at++;
    }
    if (at >= 0 && (best === undefined || score > best)) best = score;
  }
  return best;
}

/** The items matching the query, best first (all of them, in their order, for an empty query). */
export function fuzzyFilter<T>(items: T[], query: string, text: (item: T) => string, limit = 50): T[] {
  if (!query.trim()) return items.slice(0, limit);
  return items
    .map((item, i) => ({ item, i, score: fuzzyScore(query, text(item)) }))
    .filter((m): m is { item: T; i: number; score: number } => m.score !== undefined)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((m) => m.item);
}
