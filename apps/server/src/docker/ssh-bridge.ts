import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** How long ssh may take to connect and authenticate. */
const CONNECT_TIMEOUT_S = 5;

/**
 * An ssh:// engine, reached like `docker -H ssh://user@host` does: every connection runs
 * `ssh … user@host docker system dial-stdio` (the system ssh client, key authentication only) and
 * speaks the Engine API over its stdin/stdout. A private unix socket (in a 0700 temp directory,
 * beside the key file, mode 0600) turns each accepted connection into one such ssh process, so
 * the agent, the relay's pooled sockets and hijacks treat the engine like any unix socket.
 */
export class SshBridge {
  readonly socketPath: string;
  /** The last thing ssh said on stderr when a connection failed ("Permission denied (publickey)."). */
  lastError: string | undefined;
  private readonly dir: string;
  private readonly server: net.Server;
  private readonly children = new Set<ChildProcess>();
  private readonly args: string[];

  constructor(
    target: { user: string; host: string; port: number },
    credentials: { privateKey: string; knownHosts?: string },
    sharedKnownHostsFile: string,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-ssh-'));
    const keyFile = path.join(this.dir, 'id');
    fs.writeFileSync(keyFile, credentials.privateKey.endsWith('\n') ? credentials.privateKey : `${credentials.privateKey}\n`, {
      mode: 0o600,
    });
    let knownHosts = sharedKnownHostsFile;
    if (credentials.knownHosts) {
      knownHosts = path.join(this.dir, 'known_hosts');
      fs.writeFileSync(knownHosts, `${credentials.knownHosts.trim()}\n`, { mode: 0o600 });
    }
    this.args = [
      '-F',
      '/dev/null',
      '-T',
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      `IdentityFile=${keyFile}`,
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      // Given host keys are the only ones accepted; without them, the first key seen is kept.
      '-o',
      `StrictHostKeyChecking=${credentials.knownHosts ? 'yes' : 'accept-new'}`,
      '-o',
      `ConnectTimeout=${CONNECT_TIMEOUT_S}`,
      '-o',
      'ServerAliveInterval=10',
      '-p',
      String(target.port),
      '-l',
      target.user,
      '--',
      target.host,
      'docker',
      'system',
      'dial-stdio',
    ];
    this.socketPath = path.join(this.dir, 'engine.sock');
    // Half-open: a client that has sent everything (`docker exec` without stdin) still reads the answer.
    this.server = net.createServer({ allowHalfOpen: true }, (conn) => this.bridge(conn));
    this.server.on('error', (err) => {
      this.lastError = err.message;
    });
    // Binding a unix socket is synchronous: connections made right after this line are accepted.
    this.server.listen(this.socketPath);
  }

  private bridge(conn: net.Socket): void {
    const child = spawn('ssh', this.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.children.add(child);
    let stderr = '';
    let answered = false;
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-1000);
    });
    child.stdout?.once('data', () => {
      answered = true;
      this.lastError = undefined;
    });
    conn.pipe(child.stdin as NodeJS.WritableStream);
    // The connection ends once ssh has exited, so a failure's reason is known before the caller sees the end.
    child.stdout?.pipe(conn, { end: false });
    const end = () => {
      conn.destroy();
      if (child.exitCode === null) child.kill();
    };
    child.on('error', (err) => {
      this.lastError = `ssh: ${err.message}`;
      end();
    });
    child.on('close', (code) => {
      this.children.delete(child);
      if (code && !answered) this.lastError = `ssh: ${stderr.trim().split('\n').pop() || `exit status ${code}`}`;
      conn.end();
    });
    child.stdin?.on('error', end);
    child.stdout?.on('error', end);
    conn.on('error', end);
    conn.on('close', () => {
      if (child.exitCode === null) child.kill();
    });
  }

  close(): void {
    this.server.close();
    for (const child of this.children) child.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
