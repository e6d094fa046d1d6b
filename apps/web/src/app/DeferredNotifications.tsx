import { Suspense, useEffect, useState } from 'react';
import { lazyChunk } from '../lib/lazy-chunk.ts';

/** The toast stack (Mantine Notifications, its store, transitions and styles). */
const NotificationStack = lazyChunk(() => import('./NotificationStack.tsx'));

/** What a user does before anything of Porthole's can show a notification. */
const FIRST_USE = ['pointerdown', 'keydown', 'dragenter'] as const;

/**
 * Mounts the notification stack on the user's first click, key or drag: every notification
 * follows an action (`notifications.show()` after a mutation or an upload), and one shown before
 * that would wait in Mantine's store and appear with the stack. The first load of a view does
 * not fetch it.
 */
export function DeferredNotifications() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (mounted) return;
    const mount = () => setMounted(true);
    for (const type of FIRST_USE) window.addEventListener(type, mount, { capture: true, once: true });
    return () => {
      for (const type of FIRST_USE) window.removeEventListener(type, mount, { capture: true });
    };
  }, [mounted]);
  return mounted ? (
    <Suspense fallback={null}>
      <NotificationStack />
    </Suspense>
  ) : null;
}
