import type { Duplex } from 'node:stream';
import type { EngineApi } from './engine-api.ts';
import { LogDemuxer } from './log-demux.ts';

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
export async function startExec(engine: EngineApi, container: string, o: ExecOptions): Promise<ExecSession> {
  const execId = await engine.createExec(container, {
    Cmd: o.cmd,
    User: o.user || undefined,
    WorkingDir: o.workdir || undefined,
    Env: ['TERM=xterm-256color'],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    ConsoleSize: [o.rows, o.cols],
  });
  const stream = await engine.startExec(execId, { tty: true });
  const resize = (cols: number, rows: number) => engine.resizeExec(execId, { cols, rows });
  // The engine may not apply ConsoleSize before the process reads it: resize once it runs.
  await resize(o.cols, o.rows).catch(() => undefined);
  return {
    stream,
    resize,
    exitCode: async () => {
      const info = await engine.inspectExec(execId);
      return info.Running ? undefined : (info.ExitCode ?? undefined);
    },
  };
}

export interface ExecOutcome {
  /** null when the command did not finish in time. */
  exitCode: number | null;
  output: string;
}

/** Most bytes of output kept from a captured exec. */
const MAX_OUTPUT = 64 * 1024;

/** Runs a command inside a container without a TTY and collects its output (stdout and stderr) and exit code. */
export async function execCapture(engine: EngineApi, container: string, cmd: string[], timeoutMs: number): Promise<ExecOutcome> {
  const execId = await engine.createExec(container, { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await engine.startExec(execId, { tty: false });
  const lines: string[] = [];
  let size = 0;
  const demux = new LogDemuxer(false, ([, , text]) => {
    size += text.length + 1;
    if (size <= MAX_OUTPUT) lines.push(text);
  });
  stream.on('data', (chunk: Buffer) => demux.push(chunk));
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(false);
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
  stream.destroy();
  demux.end();
  const output = lines.length ? `${lines.join('\n')}\n` : '';
  if (!finished) return { exitCode: null, output: `${output}\n(no answer within ${timeoutMs / 1000} s)` };
  const info = await engine.inspectExec(execId);
  return { exitCode: info.ExitCode ?? null, output };
}
