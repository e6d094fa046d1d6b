import { describe, expect, it } from 'vitest';
import { parsePort, RunCommandError, runCommand, runCommandLines } from './run-command.ts';
import { parseRunCommand } from './run-command-parse.ts';
import { createRequest, validateRunSpec } from './run-create.ts';
import { specFromInspect } from './run-inspect.ts';
import { emptyRunSpec, type RunSpec } from './run-spec.ts';

/** Every option the create form has, set. */
function fullSpec(): RunSpec {
  return {
    ...emptyRunSpec(),
    image: 'porthole-test/busybox:latest',
    name: 'web-1',
    command: "sh -c 'httpd -f -p 8080'",
    entrypoint: '/bin/env',
    workdir: '/srv',
    hostname: 'web',
    interactive: true,
    tty: true,
    env: [
      { key: 'DB_PASSWORD', value: 's3cret it is' },
      { key: 'MODE', value: 'prod' },
    ],
    labels: [{ key: 'porthole.test', value: '1' }],
    ports: [
      { hostIp: '127.0.0.1', hostPort: '18080', containerPort: '8080', protocol: 'tcp' },
      { hostIp: '', hostPort: '9000-9001', containerPort: '90-91', protocol: 'udp' },
    ],
    publishAll: true,
    volumes: [
      { source: 'data', target: '/data', readOnly: false },
      { source: '/etc/hosts', target: '/h', readOnly: true },
      { source: '', target: '/anon', readOnly: false },
    ],
    tmpfs: [{ target: '/run', size: '64m', options: 'noexec' }],
    networks: [
      { name: 'front', aliases: ['web', 'www'], ipv4: '' },
      { name: 'back', aliases: ['api'], ipv4: '172.30.0.5' },
    ],
    cpus: '0.5',
    cpuShares: '512',
    cpusetCpus: '0-1',
    cpuPeriod: '100000',
    cpuQuota: '50000',
    memory: '64m',
    memoryReservation: '32m',
    memorySwap: '128m',
    memorySwappiness: '10',
    oomKillDisable: true,
    pidsLimit: '50',
    blkioWeight: '300',
    deviceReadBps: [{ path: '/dev/sda', rate: '1m' }],
    deviceWriteBps: [{ path: '/dev/sda', rate: '2m' }],
    deviceReadIops: [{ path: '/dev/sda', rate: '100' }],
    deviceWriteIops: [{ path: '/dev/sda', rate: '200' }],
    user: '1000:1000',
    capAdd: ['NET_BIND_SERVICE'],
    capDrop: ['ALL'],
    readOnly: true,
    noNewPrivileges: true,
    securityOpt: ['seccomp=unconfined'],
    privileged: false,
    restart: 'on-failure',
    restartMaxRetries: '3',
    health: {
      mode: 'custom',
      cmd: 'wget -q -O- http://127.0.0.1:8080/ || exit 1',
      interval: '5s',
      timeout: '2s',
      retries: '3',
      startPeriod: '1s',
    },
    autoRemove: false,
    start: true,
  };
}

describe('runCommand', () => {
  it('writes every option as the docker CLI spells it', () => {
    const lines = runCommandLines(fullSpec());
    expect(lines[0]).toBe(
      [
        'docker create --name web-1 -i -t --hostname web --user 1000:1000 --workdir /srv --entrypoint /bin/env',
        "-e 'DB_PASSWORD=s3cret it is' -e MODE=prod --label porthole.test=1",
        '-p 127.0.0.1:18080:8080 -p 9000-9001:90-91/udp -P -v data:/data -v /etc/hosts:/h:ro -v /anon',
        '--tmpfs /run:size=64m,noexec --network front --network-alias web --network-alias www',
        '--cpus 0.5 --cpu-shares 512 --cpuset-cpus 0-1 --cpu-period 100000 --cpu-quota 50000',
        '--memory 64m --memory-reservation 32m --memory-swap 128m --memory-swappiness 10 --oom-kill-disable --pids-limit 50',
        '--blkio-weight 300 --device-read-bps /dev/sda:1m --device-write-bps /dev/sda:2m',
        '--device-read-iops /dev/sda:100 --device-write-iops /dev/sda:200',
        '--cap-drop ALL --cap-add NET_BIND_SERVICE --read-only --security-opt no-new-privileges --security-opt seccomp=unconfined',
        "--restart on-failure:3 --health-cmd 'wget -q -O- http://127.0.0.1:8080/ || exit 1' --health-interval 5s",
        "--health-timeout 2s --health-retries 3 --health-start-period 1s porthole-test/busybox:latest sh -c 'httpd -f -p 8080'",
      ].join(' '),
    );
    expect(lines.slice(1)).toEqual(['docker network connect --alias api --ip 172.30.0.5 back web-1', 'docker start web-1']);
  });

  it('uses docker run -d for one network, and covers auto-remove, privileged and no healthcheck', () => {
    const spec = {
      ...emptyRunSpec(),
      image: 'busybox',
      autoRemove: true,
      privileged: true,
      health: { ...emptyRunSpec().health, mode: 'none' as const },
    };
    expect(runCommand(spec)).toBe('docker run -d --rm --privileged --no-healthcheck busybox');
  });

  it('parses its own output back into the same spec (every option)', () => {
    const spec = fullSpec();
    expect(parseRunCommand(runCommand(spec))).toEqual(spec);
  });

  it('parses the forms people paste: short flags, = values, continuations, sudo, docker container run', () => {
    const spec = parseRunCommand(
      'sudo docker container run -dit --name=x -p8080:80 -e A=1 -m 1g -c 256 \\\n  --net=n1 --net-alias a1 --restart=always -u 0 -w=/w -h host -l k=v busybox echo "$HOME" hi',
    );
    expect(spec).toMatchObject({
      name: 'x',
      tty: true,
      interactive: true,
      memory: '1g',
      cpuShares: '256',
      restart: 'always',
      user: '0',
      workdir: '/w',
      hostname: 'host',
      image: 'busybox',
      command: "echo '$HOME' hi",
      env: [{ key: 'A', value: '1' }],
      labels: [{ key: 'k', value: 'v' }],
      networks: [{ name: 'n1', aliases: ['a1'], ipv4: '' }],
      ports: [{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    });
  });

  it('names unknown options instead of dropping them', () => {
    const paste = () => parseRunCommand('docker run --init --ulimit nofile=1024 -x busybox');
    expect(paste).toThrow(RunCommandError);
    expect(paste).toThrow('Unknown options: --init, --ulimit, -x');
    try {
      paste();
    } catch (e) {
      expect((e as RunCommandError).unknownOptions).toEqual(['--init', '--ulimit', '-x']);
    }
  });

  it('refuses what is not a docker run', () => {
    expect(() => parseRunCommand('ls -l')).toThrow('Not a docker command');
    expect(() => parseRunCommand('docker run busybox | grep x')).toThrow('Shell operator "|"');
    expect(() => parseRunCommand('docker run -d')).toThrow('names no image');
    expect(() => parseRunCommand('docker run -e "A=1 busybox')).toThrow('Unterminated double quote');
  });

  it('parses ports like docker', () => {
    expect(parsePort('80')).toEqual({ hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' });
    expect(parsePort('127.0.0.1::80/udp')).toEqual({ hostIp: '127.0.0.1', hostPort: '', containerPort: '80', protocol: 'udp' });
    expect(parsePort('[::1]:8080:80')).toEqual({ hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'tcp' });
  });
});

describe('validateRunSpec', () => {
  it('accepts the full spec', () => {
    expect(validateRunSpec(fullSpec())).toEqual({});
  });

  it('puts an error at each invalid field', () => {
    const spec = {
      ...fullSpec(),
      image: '',
      memory: '12zz',
      cpus: '-1',
      capAdd: ['NET_BIND_SERVICE', 'FLY'],
      ports: [{ hostIp: 'localhost', hostPort: '70000', containerPort: 'http', protocol: 'tcp' as const }],
      health: { ...fullSpec().health, interval: '5 seconds' },
      memorySwap: '32m',
      pidsLimit: 'many',
      blkioWeight: '5',
      name: '-bad',
    };
    expect(validateRunSpec(spec)).toMatchObject({
      image: 'Pick or type an image',
      memory: expect.stringContaining('64m'),
      cpus: expect.stringContaining('≥ 0'),
      capAdd: 'Unknown capability: FLY',
      'ports.0.hostIp': expect.any(String),
      'ports.0.hostPort': expect.any(String),
      'ports.0.containerPort': expect.any(String),
      'health.interval': expect.any(String),
      pidsLimit: expect.any(String),
      blkioWeight: '10 to 1000',
      name: expect.any(String),
    });
  });
});

describe('createRequest', () => {
  it('builds the body the docker CLI sends', () => {
    const req = createRequest(fullSpec());
    const hc = req.body.HostConfig as Record<string, unknown>;
    expect(req.name).toBe('web-1');
    expect(req.body).toMatchObject({
      Image: 'porthole-test/busybox:latest',
      Cmd: ['sh', '-c', 'httpd -f -p 8080'],
      Entrypoint: ['/bin/env'],
      Env: ['DB_PASSWORD=s3cret it is', 'MODE=prod'],
      ExposedPorts: { '8080/tcp': {}, '90/udp': {}, '91/udp': {} },
      Volumes: { '/anon': {} },
      Healthcheck: {
        Test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/ || exit 1'],
        Interval: 5e9,
        Timeout: 2e9,
        StartPeriod: 1e9,
        Retries: 3,
      },
      NetworkingConfig: { EndpointsConfig: { front: { Aliases: ['web', 'www'] } } },
    });
    expect(hc).toMatchObject({
      Binds: ['data:/data', '/etc/hosts:/h:ro'],
      Tmpfs: { '/run': 'size=64m,noexec' },
      PortBindings: {
        '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }],
        '90/udp': [{ HostIp: '', HostPort: '9000' }],
        '91/udp': [{ HostIp: '', HostPort: '9001' }],
      },
      NetworkMode: 'front',
      NanoCpus: 500_000_000,
      Memory: 64 * 1024 * 1024,
      MemorySwap: 128 * 1024 * 1024,
      PidsLimit: 50,
      CapAdd: ['CAP_NET_BIND_SERVICE'],
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', 'seccomp=unconfined'],
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
      BlkioDeviceReadBps: [{ Path: '/dev/sda', Rate: 1024 * 1024 }],
      BlkioDeviceWriteIOps: [{ Path: '/dev/sda', Rate: 200 }],
    });
    expect(req.connect).toEqual([
      { network: 'back', body: { Container: 'web-1', EndpointConfig: { Aliases: ['api'], IPAMConfig: { IPv4Address: '172.30.0.5' } } } },
    ]);
  });
});

describe('specFromInspect', () => {
  it('rebuilds the spec of a created container, leaving out what came from the image', () => {
    const spec = fullSpec();
    const req = createRequest(spec);
    const body = req.body as Record<string, unknown> & { HostConfig: Record<string, unknown> };
    const inspect = {
      Id: 'abcdef1234567890',
      Name: '/web-1',
      Config: { ...body, Env: ['PATH=/bin', ...(body.Env as string[])], Labels: { ...(body.Labels as object), 'image.label': 'x' } },
      HostConfig: body.HostConfig,
      NetworkSettings: {
        Networks: {
          front: { Aliases: ['web', 'www', 'abcdef123456'], IPAMConfig: null },
          back: { Aliases: ['api'], IPAMConfig: { IPv4Address: '172.30.0.5' } },
        },
      },
    };
    const rebuilt = specFromInspect(inspect as never, { Env: ['PATH=/bin'], Labels: { 'image.label': 'x' } });
    // ranges come back as single ports, tmpfs and durations in canonical form
    expect(rebuilt).toEqual({
      ...spec,
      ports: [
        spec.ports[0],
        { hostIp: '', hostPort: '9000', containerPort: '90', protocol: 'udp' },
        { hostIp: '', hostPort: '9001', containerPort: '91', protocol: 'udp' },
      ],
    });
  });
});
