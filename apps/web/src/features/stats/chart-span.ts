/** The narrowest time span a chart shows, in seconds. */
export const MIN_SPAN_S = 60;

/**
 * The time axis of a chart of samples `xs` (seconds, oldest first): their own span, at least the
 * last `MIN_SPAN_S`. Left to itself uPlot spans a thousand days for one sample (an axis of
 * Jun 2027 – 2029). Undefined without samples (uPlot's own range then).
 */
export function timeSpan(xs: ArrayLike<number>): [number, number] | undefined {
  if (xs.length === 0) return undefined;
  const first = xs[0] as number;
  const last = xs[xs.length - 1] as number;
  return last - first < MIN_SPAN_S ? [last - MIN_SPAN_S, last] : [first, last];
}
