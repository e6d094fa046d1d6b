import type { ReactNode } from 'react';
import type { Permission } from '../lib/role.ts';

/**
 * Around a control the signed-in role may not use (`<Why p={can}><Button {...gated(can)}>`): a
 * disabled button takes no focus (and, in some browsers, no hover), so the reason on it alone can go
 * unseen. This box carries it too — shown on hover, read when the box takes keyboard focus.
 */
export function Why({ p, children }: { p: Permission; children: ReactNode }) {
  if (p.allowed) return children;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable on purpose, so a keyboard reaches the reason the disabled button cannot give
    <span title={p.reason} tabIndex={0} style={{ display: 'inline-flex' }}>
      {children}
    </span>
  );
}
