import { execActionCommand, healthcheckExecCommand } from '@porthole/shared/engine-events';
import type { EngineEvent } from '@porthole/shared/live';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { containerDetailsQuery } from './docker/container-details.ts';

const isExec = (e: EngineEvent) => e.Type === 'container' && e.Action.startsWith('exec_');

/**
 * Which events are a container's own healthcheck (`exec_create` / `exec_start` / `exec_die`), which
 * views hide by default. Live events carry the server's `healthcheck` flag; the engine's history
 * (read straight through the proxy) does not, so for those each exec's command is compared with its
 * container's healthcheck command (from the details list, read only when the history has execs),
 * and an `exec_die` (which has no command, and may reach the browser unflagged) is matched by the
 * exec id its `exec_create` / `exec_start` had.
 */
export function useHealthcheckEvents(engine: string, events: EngineEvent[]): (e: EngineEvent) => boolean {
  const unflagged = useMemo(() => events.some((e) => isExec(e) && !e.healthcheck), [events]);
  const details = useQuery({ ...containerDetailsQuery(engine), enabled: unflagged });
  return useMemo(() => {
    const commands = new Map<string, string | undefined>();
    for (const r of details.data ?? []) {
      const config = r.details?.Config as { Healthcheck?: { Test?: string[] }; Shell?: string[] } | undefined;
      commands.set(r.summary.Id, healthcheckExecCommand(config?.Healthcheck?.Test, config?.Shell?.length ? config.Shell : undefined));
    }
    const marked = new Set<string>();
    for (const e of events) {
      const execId = e.Actor.Attributes?.execID;
      if (!isExec(e) || !execId) continue;
      const command = execActionCommand(e.Action);
      if (e.healthcheck || (command !== undefined && command === commands.get(e.Actor.ID))) marked.add(execId);
    }
    return (e) => {
      if (e.healthcheck) return true;
      if (!isExec(e)) return false;
      const execId = e.Actor.Attributes?.execID;
      if (execId && marked.has(execId)) return true;
      const command = execActionCommand(e.Action);
      return command !== undefined && command === commands.get(e.Actor.ID);
    };
  }, [details.data, events]);
}
