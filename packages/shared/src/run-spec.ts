/**
 * The settings of a `docker run`, as the create form edits them (strings where the user types,
 * so that invalid input can be shown at its field). `run-command.ts` turns a spec into the
 * `docker run` command line and back, `run-create.ts` into an Engine API create body,
 * `run-inspect.ts` rebuilds one from `docker inspect`.
 */
export interface KeyValue {
  key: string;
  value: string;
}

export interface PortSpec {
  /** Host address to bind ('' = all interfaces). */
  hostIp: string;
  /** Host port or range ('' = an ephemeral port). */
  hostPort: string;
  /** Container port or range. */
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** `-v source:target[:ro]`: a named volume, a bind (source is a path) or an anonymous volume (no source). */
export interface VolumeSpec {
  source: string;
  target: string;
  readOnly: boolean;
}

/** `--tmpfs target:size=64m[,other options]`. */
export interface TmpfsSpec {
  target: string;
  size: string;
  /** Other mount options, comma separated (e.g. `noexec,mode=1777`). */
  options: string;
}

export interface NetworkSpec {
  name: string;
  aliases: string[];
  /** Static IPv4 address (`--ip`), '' for one from the pool. */
  ipv4: string;
}

export interface DeviceRate {
  path: string;
  rate: string;
}

export type RestartName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface HealthSpec {
  /** `image`: keep the image's healthcheck; `none`: `--no-healthcheck`; `custom`: `--health-*`. */
  mode: 'image' | 'none' | 'custom';
  cmd: string;
  interval: string;
  timeout: string;
  retries: string;
  startPeriod: string;
}

export interface RunSpec {
  image: string;
  name: string;
  /** The command after the image, in shell syntax (`sh -c 'echo hi'`). */
  command: string;
  entrypoint: string;
  workdir: string;
  hostname: string;
  interactive: boolean;
  tty: boolean;
  env: KeyValue[];
  labels: KeyValue[];
  ports: PortSpec[];
  publishAll: boolean;
  volumes: VolumeSpec[];
  tmpfs: TmpfsSpec[];
  networks: NetworkSpec[];
  cpus: string;
  cpuShares: string;
  cpusetCpus: string;
  cpuPeriod: string;
  cpuQuota: string;
  memory: string;
  memoryReservation: string;
  memorySwap: string;
  memorySwappiness: string;
  oomKillDisable: boolean;
  pidsLimit: string;
  blkioWeight: string;
  deviceReadBps: DeviceRate[];
  deviceWriteBps: DeviceRate[];
  deviceReadIops: DeviceRate[];
  deviceWriteIops: DeviceRate[];
  user: string;
  capAdd: string[];
  capDrop: string[];
  readOnly: boolean;
  noNewPrivileges: boolean;
  /** Other `--security-opt` values (`seccomp=…`, `apparmor=…`). */
  securityOpt: string[];
  privileged: boolean;
  restart: RestartName;
  restartMaxRetries: string;
  health: HealthSpec;
  autoRemove: boolean;
  /** Start after create (`docker run`) or only create (`docker create`). */
  start: boolean;
}

export function emptyRunSpec(): RunSpec {
  return {
    image: '',
    name: '',
    command: '',
    entrypoint: '',
    workdir: '',
    hostname: '',
    interactive: false,
    tty: false,
    env: [],
    labels: [],
    ports: [],
    publishAll: false,
    volumes: [],
    tmpfs: [],
    networks: [],
    cpus: '',
    cpuShares: '',
    cpusetCpus: '',
    cpuPeriod: '',
    cpuQuota: '',
    memory: '',
    memoryReservation: '',
    memorySwap: '',
    memorySwappiness: '',
    oomKillDisable: false,
    pidsLimit: '',
    blkioWeight: '',
    deviceReadBps: [],
    deviceWriteBps: [],
    deviceReadIops: [],
    deviceWriteIops: [],
    user: '',
    capAdd: [],
    capDrop: [],
    readOnly: false,
    noNewPrivileges: false,
    securityOpt: [],
    privileged: false,
    restart: 'no',
    restartMaxRetries: '',
    health: { mode: 'image', cmd: '', interval: '', timeout: '', retries: '', startPeriod: '' },
    autoRemove: false,
    start: true,
  };
}

/** Linux capabilities the engine knows (without the CAP_ prefix), for pickers and validation. */
export const CAPABILITIES = [
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'SYSLOG',
  'WAKE_ALARM',
] as const;
