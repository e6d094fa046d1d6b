import { Suspense, useEffect, useRef, useState } from 'react';
import { useEngineNavigate } from '../lib/engine-paths.tsx';
import { NAV_ITEMS } from './nav-items.ts';
import { lazyChunk } from '../lib/lazy-chunk.ts';

/** The list of shortcuts (a modal): fetched the first time `?` is pressed. */
const ShortcutsHelp = lazyChunk(() => import('./ShortcutsHelp.tsx'));
/** The command palette: fetched the first time Ctrl/Cmd-K is pressed. */
const CommandPalette = lazyChunk(() => import('./CommandPalette.tsx'));

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.xterm'));

/**
 * Keyboard shortcuts: `/` focuses the view's filter (an input marked `data-shortcut="filter"`),
 * `g` then a letter opens a view, `?` lists the shortcuts, Ctrl/Cmd-K opens the command palette
 * (anywhere but in a terminal, whose shell has its own Ctrl-K).
 */
export function Shortcuts() {
  const navigate = useEngineNavigate();
  const [help, setHelp] = useState(false);
  const [palette, setPalette] = useState(false);
  // Where focus goes back when the palette closes without going anywhere (Mantine's own return
  // misses the first opening: the modal mounts already open).
  const paletteFrom = useRef<HTMLElement | null>(null);
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.ctrlKey || e.metaKey) &&
        !e.altKey &&
        e.key.toLowerCase() === 'k' &&
        !(e.target instanceof Element && e.target.closest('.xterm'))
      ) {
        e.preventDefault();
        if (document.activeElement instanceof HTMLElement) paletteFrom.current = document.activeElement;
        setPalette(true);
        return;
      }
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
  // Each mounted from its first use on, so that closing it animates like any modal.
  const [wanted, setWanted] = useState({ help: false, palette: false });
  if ((help && !wanted.help) || (palette && !wanted.palette)) setWanted({ help: wanted.help || help, palette: wanted.palette || palette });
  return (
    <Suspense fallback={null}>
      {wanted.help && <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />}
      {wanted.palette && <CommandPalette opened={palette} onClose={() => setPalette(false)} returnFocus={paletteFrom} />}
    </Suspense>
  );
}
