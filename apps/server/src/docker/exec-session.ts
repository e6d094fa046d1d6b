import type { Duplex } from 'node:stream';
import type { Engine } from './engine.ts';

export interface ExecOptions {
  cmd: string[];
  user?: string;
  workdir?: string;
  cols: number;
  rows: number;
}

export interface ExecSession {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** The exit code once the process ended (undefined while it runs). */
  exitCode(): Promise<number | undefined>;
}

/** Starts an interactive exec with a TTY (`docker exec -it`) and returns its hijacked stream. */
export async function startExec(engine: Engine, container: string, o: ExecOptions): Promise<ExecSession> {
  const exec = await engine.docker.getContainer(container).exec({
    Cmd: o.cmd,
    User: o.user || undefined,
    WorkingDir: o.workdir || undefined,
    Env: ['TERM=xterm-256color'],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    ConsoleSize: [o.rows, o.cols],
  } as Parameters<ReturnType<Engine['docker']['getContainer']>['exec']>[0]);
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const resize = async (cols: number, rows: number) => {
    await exec.resize({ h: rows, w: cols });
  };
  // The engine may not apply ConsoleSize before the process reads it: resize once it runs.
  await resize(o.cols, o.rows).catch(() => undefined);
  return {
    stream,
    resize,
    exitCode: async () => {
      const info = await exec.inspect();
      return info.Running ? undefined : (info.ExitCode ?? undefined);
    },
  };
}
