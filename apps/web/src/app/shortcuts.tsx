import { Suspense, useEffect, useRef, useState } from 'react';
import { useEngineNavigate } from '../lib/engine-paths.tsx';
import { NAV_ITEMS } from './nav-items.ts';
import { lazyChunk } from '../lib/lazy-chunk.ts';

/** The list of shortcuts (a modal): fetched the first time `?` is pressed. */
const ShortcutsHelp = lazyChunk(() => import('./ShortcutsHelp.tsx'));

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.xterm'));

/**
 * Keyboard shortcuts: `/` focuses the view's filter (an input marked `data-shortcut="filter"`),
 * `g` then a letter opens a view, `?` lists the shortcuts.
 */
export function Shortcuts() {
  const navigate = useEngineNavigate();
  const [help, setHelp] = useState(false);
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '/') {
        const filter = document.querySelector<HTMLInputElement>('[data-shortcut="filter"]');
        if (filter) {
          e.preventDefault();
          filter.focus();
        }
      } else if (e.key === '?') {
        setHelp(true);
      } else if (e.key === 'g') {
        pendingG.current = Date.now();
      } else if (Date.now() - pendingG.current < 1500) {
        pendingG.current = 0;
        const item = NAV_ITEMS.find((i) => i.key === e.key);
        if (item) navigate(item.to);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  // Mounted from the first `?` on, so that closing it animates like any modal.
  const [wanted, setWanted] = useState(false);
  if (help && !wanted) setWanted(true);
  return wanted ? (
    <Suspense fallback={null}>
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
    </Suspense>
  ) : null;
}
