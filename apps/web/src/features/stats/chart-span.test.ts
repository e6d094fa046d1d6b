import { describe, expect, it } from 'vitest';
import { MIN_SPAN_S, timeSpan } from './chart-span.ts';

describe('timeSpan', () => {
  it('shows the last minute up to the newest sample while there is less than a minute of samples', () => {
    const now = 1_796_331_845;
    for (const xs of [[now], [now - 1, now], [now - 30, now - 10, now], [now - MIN_SPAN_S + 1, now]]) {
      expect(timeSpan(xs), `${xs.length} samples`).toEqual([now - MIN_SPAN_S, now]);
    }
  });

  it('shows the samples from first to last once they span a minute or more', () => {
    expect(timeSpan([100, 160])).toEqual([100, 160]);
    expect(timeSpan([100, 130, 700])).toEqual([100, 700]);
  });

  it('leaves an empty chart to uPlot', () => {
    expect(timeSpan([])).toBeUndefined();
  });
});
