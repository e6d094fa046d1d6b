/**
 * The colour of a container in a merged log, by its source index (1-based): Mantine palette
 * colours that stay apart from each other and from the red of stderr, a darker shade on the
 * light theme and a lighter one on the dark theme so the names read on both.
 */
const PALETTE = ['blue', 'orange', 'teal', 'grape', 'cyan', 'pink', 'lime', 'indigo', 'green', 'violet'];

export function sourceColor(source: number): string {
  const c = PALETTE[(Math.max(1, source) - 1) % PALETTE.length];
  return `light-dark(var(--mantine-color-${c}-8), var(--mantine-color-${c}-4))`;
}
