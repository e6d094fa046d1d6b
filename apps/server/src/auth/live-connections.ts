import type { Credential } from './store.ts';

type Close = () => void;

const sessionKey = (id: string) => `s:${id}`;
const tokenKey = (id: number) => `t:${id}`;
const userKey = (id: number) => `u:${id}`;

/**
 * Every long-lived connection (the live websocket, terminals, hijacked `docker exec`) under the
 * credential and user that opened it, so that signing out, deleting a token or (later) disabling
 * a user closes them at once instead of leaving them working.
 */
export class LiveConnections {
  private readonly byKey = new Map<string, Set<Close>>();

  constructor(private readonly onRevoke: (count: number) => void = () => {}) {}

  /** Tracks a connection; call the returned function when it closes by itself. */
  track(credential: Credential, userId: number, close: Close): () => void {
    const keys = [credential.kind === 'session' ? sessionKey(credential.id) : tokenKey(credential.id), userKey(userId)];
    for (const k of keys) {
      const set = this.byKey.get(k) ?? new Set<Close>();
      this.byKey.set(k, set);
      set.add(close);
    }
    return () => {
      for (const k of keys) {
        const set = this.byKey.get(k);
        set?.delete(close);
        if (set?.size === 0) this.byKey.delete(k);
      }
    };
  }

  closeSession(id: string): number {
    return this.closeKey(sessionKey(id));
  }

  closeToken(id: number): number {
    return this.closeKey(tokenKey(id));
  }

  closeUser(id: number): number {
    return this.closeKey(userKey(id));
  }

  get size(): number {
    let n = 0;
    for (const [k, set] of this.byKey) if (k.startsWith('u:')) n += set.size;
    return n;
  }

  private closeKey(key: string): number {
    const set = this.byKey.get(key);
    if (!set) return 0;
    const closers = [...set];
    this.onRevoke(closers.length);
    for (const close of closers) {
      try {
        close();
      } catch {
        // closing an already broken socket: nothing more to do
      }
    }
    return closers.length;
  }
}
