import type { LogLine } from '@porthole/shared/logs';
import type { LiveSocket } from '../../lib/live-socket.ts';
import { type FollowStatus, followContainerLog, INITIAL_STATUS, type LogQuery } from './follow-container-log.ts';
import type { LogBuffer } from './log-buffer.ts';
import { runOf } from './log-merge.ts';

/** One container of a merged view: its source index (its colour) and where its log stands. */
export interface MergedSource {
  container: string;
  source: number;
  status: FollowStatus;
}

interface Follower extends MergedSource {
  stop(): void;
  /** Lines read but not merged yet (while some backfill still runs), in order. */
  run: LogLine[];
  loading: boolean;
}

/**
 * The merged log of several containers in one buffer, interleaved by timestamp. Each container
 * is followed on its own (`followContainerLog`: the shared per-container live tail, so other
 * viewers share the upstream); while backfills run their lines are held, and when the last one
 * ends they are k-way merged into the buffer at once. Live lines are then inserted in timestamp
 * order. A container keeps its source index (and colour) while it stays in the selection;
 * removing it drops its lines and leaves the others alone.
 */
export class MergedLog {
  private readonly followers = new Map<string, Follower>();

  constructor(
    private readonly socket: LiveSocket,
    private readonly engine: string,
    private readonly query: LogQuery,
    private readonly buffer: LogBuffer,
    private readonly onLines: () => void,
    private readonly onSources: (sources: MergedSource[]) => void,
  ) {}

  /** Follows exactly these containers (starting the new ones, stopping the others). */
  set(containers: string[]): void {
    const wanted = new Set(containers);
    let changed = false;
    for (const [name, f] of this.followers) {
      if (wanted.has(name)) continue;
      f.stop();
      this.followers.delete(name);
      this.buffer.removeSource(f.source);
      changed = true;
    }
    for (const name of wanted) {
      if (this.followers.has(name)) continue;
      this.start(name);
      changed = true;
    }
    if (!changed) return;
    this.flush();
    this.onLines();
    this.publish();
  }

  stop(): void {
    for (const f of this.followers.values()) f.stop();
    this.followers.clear();
  }

  sources(): MergedSource[] {
    return [...this.followers.values()].map(({ container, source, status }) => ({ container, source, status }));
  }

  private start(container: string): void {
    const used = new Set([...this.followers.values()].map((f) => f.source));
    let source = 1;
    while (used.has(source)) source++;
    const f: Follower = { container, source, status: INITIAL_STATUS, run: [], loading: true, stop: () => undefined };
    this.followers.set(container, f);
    f.stop = followContainerLog(this.socket, this.engine, container, this.query, {
      onBackfill: (lines) => {
        f.loading = true;
        f.run.push(...lines);
      },
      onBackfillEnd: () => {
        f.loading = false;
        if (this.flush()) this.onLines();
      },
      onLive: (lines) => {
        this.buffer.noteLive(lines.length);
        if (this.holding()) f.run.push(...lines);
        else {
          this.buffer.insertSorted(lines, source);
          this.onLines();
        }
      },
      onStatus: (update) => {
        f.status = update(f.status);
        this.publish();
      },
    });
  }

  private holding(): boolean {
    for (const f of this.followers.values()) if (f.loading) return true;
    return false;
  }

  /** Merges the held runs once no backfill runs any more; true if lines were added. */
  private flush(): boolean {
    if (this.holding()) return false;
    const held = [...this.followers.values()].filter((f) => f.run.length > 0).sort((a, b) => a.source - b.source);
    if (held.length === 0) return false;
    this.buffer.merge(held.map((f) => runOf(f.run, f.source)));
    for (const f of held) f.run = [];
    return true;
  }

  private publish(): void {
    this.onSources(this.sources());
  }
}
