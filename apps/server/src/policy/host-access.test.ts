import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostAccessOf, protectHostPath } from './host-access.ts';

/** Every way a container's configuration reaches the host, and the ordinary ones that do not. */
describe('hostAccessOf', () => {
  const bind = (Source: string, RW: boolean) => ({ Mounts: [{ Type: 'bind', Source, RW }] });
  const reaching: Array<[string, Parameters<typeof hostAccessOf>[0], RegExp]> = [
    ['privileged', { HostConfig: { Privileged: true } }, /privileged/],
    ...(['PidMode', 'IpcMode', 'UTSMode', 'UsernsMode', 'NetworkMode'] as const).map(
      (k) => [`${k} host`, { HostConfig: { [k]: 'host' } }, /host's \w+ namespace/] as [string, Parameters<typeof hostAccessOf>[0], RegExp],
    ),
    ['SYS_ADMIN', { HostConfig: { CapAdd: ['SYS_ADMIN'] } }, /capabilities \(SYS_ADMIN\)/],
    ['cap_sys_ptrace, lower case', { HostConfig: { CapAdd: ['cap_sys_ptrace'] } }, /SYS_PTRACE/],
    ['a device', { HostConfig: { Devices: [{ PathOnHost: '/dev/kvm' }] } }, /devices/],
    ['the Docker socket', bind('/var/run/docker.sock', true), /\/var\/run\/docker\.sock mounted writable/],
    ['the Docker socket read-only', bind('/var/run/docker.sock', false), /socket can be reached/],
    ['another socket read-only', bind('/run/containerd/containerd.sock', false), /socket can be reached/],
    ['/ read-only', bind('/', false), /socket can be reached/],
    ['/var/run/ read-only', bind('/var/run/', false), /host path \/var\/run mounted/],
    ['/run read-only', bind('/run', false), /socket can be reached/],
    ['a project directory writable', bind('/home/me/app', true), /\/home\/me\/app mounted writable/],
    ['a bind with RW unset', { Mounts: [{ Type: 'bind', Source: '/srv' }] }, /writable/],
    // Sockets are used through read-only mounts too: any folder where sockets live, or above one.
    ...[
      '/run/docker',
      '/var/run/containerd/',
      '/run/systemd',
      '/tmp/.X11-unix',
      '/var/lib',
      '/var/lib/containerd/io',
      '/dev',
      '/sys/fs',
    ].map(
      (source) =>
        [`${source} read-only`, bind(source, false), /socket can be reached/] as [string, Parameters<typeof hostAccessOf>[0], RegExp],
    ),
    ['a device cgroup rule', { HostConfig: { DeviceCgroupRules: ['b 254:0 rm'] } }, /device cgroup rules/],
    ['a GPU request', { HostConfig: { DeviceRequests: [{ Count: -1 }] } }, /device requests/],
    ['seccomp unconfined', { HostConfig: { SecurityOpt: ['seccomp=unconfined'] } }, /security profiles/],
    ['apparmor unconfined', { HostConfig: { SecurityOpt: ['no-new-privileges', 'apparmor:unconfined'] } }, /security profiles/],
    ["another container's cgroup", { HostConfig: { Cgroup: 'container:x' } }, /cgroup/],
    ['no masked /proc paths', { HostConfig: { MaskedPaths: [] } }, /not masked/],
    ['a writable /proc/sys', { HostConfig: { ReadonlyPaths: ['/proc/bus'] } }, /\/proc\/sys is writable/],
    ...[
      '/etc',
      '/root',
      '/root/.docker',
      '/home',
      '/home/me',
      '/home/me/.ssh',
      '/etc/ssh',
      '/etc/docker/key.json',
      '/etc/shadow',
      // Pass 4: backups and variants, single files in key folders, cluster and VPN credentials, keys anywhere.
      '/etc/shadow-',
      '/etc/gshadow-',
      '/etc/shadow.bak',
      '/etc/sudoers.d/admins',
      '/etc/ssl/private/ssl-cert-snakeoil.key',
      '/etc/letsencrypt/live/example.org',
      '/etc/kubernetes/admin.conf',
      '/etc/rancher/k3s/k3s.yaml',
      '/var/lib/kubelet/pki',
      '/opt/app/db-password.txt',
      '/etc/pki/tls/private',
      '/etc/wireguard/wg0.conf',
      '/etc/NetworkManager/system-connections/home.nmconnection',
      '/srv/app/certs/server.key',
      '/srv/app/tls.pem',
      '/opt/app/.env',
      '/opt/app/secrets',
      '/opt/app/config/credentials',
      '/data/backup/id_ed25519',
      '/srv/kubeconfig',
      '/home/me/project/.env',
      // Pass 6.
      '/var/cache/debconf',
      '/var/cache/debconf/passwords.dat',
      '/var/lib/private',
      '/var/mail',
      '/etc/npmrc',
      '/etc/pip.conf',
      '/srv/app/.pypirc',
    ].map(
      (source) =>
        [`${source} read-only`, bind(source, false), /credentials can be read/] as [string, Parameters<typeof hostAccessOf>[0], RegExp],
    ),
  ];
  for (const [what, c, why] of reaching) it(`refuses: ${what}`, () => expect(hostAccessOf(c)).toMatch(why));

  const ordinary: Array<[string, Parameters<typeof hostAccessOf>[0]]> = [
    ['a plain container', { HostConfig: { NetworkMode: 'bridge', PidMode: '', CapAdd: null, Devices: [] }, Mounts: [] }],
    ['default capabilities added', { HostConfig: { CapAdd: ['NET_BIND_SERVICE', 'CAP_CHOWN'] } }],
    ['a named volume', { Mounts: [{ Type: 'volume', Source: '/var/lib/docker/volumes/x/_data', RW: true }] }],
    ['a tmpfs', { Mounts: [{ Type: 'tmpfs', Source: '', RW: true }] }],
    ['a config file read-only', bind('/home/me/nginx.conf', false)],
    ['a project folder read-only', bind('/home/me/site', false)],
    ['the time zone read-only', bind('/etc/localtime', false)],
    ['default /proc masks', { HostConfig: { MaskedPaths: ['/proc/asound', '/proc/kcore'], ReadonlyPaths: ['/proc/bus', '/proc/sys'] } }],
    ['/etc/nginx read-only', bind('/etc/nginx', false)],
    ['/etc/ssl/certs read-only (public certificates)', bind('/etc/ssl/certs', false)],
    ['/etc/hosts read-only', bind('/etc/hosts', false)],
    ['a static site read-only', bind('/srv/www/html', false)],
    ['/etc/passwd read-only (no hashes)', bind('/etc/passwd', false)],
    ['/runner read-only (not /run)', bind('/runner', false)],
    ['no-new-privileges', { HostConfig: { SecurityOpt: ['no-new-privileges:true'] } }],
    // cgroup v1's default (an operator cannot ask for it: the create check refuses it).
    ['the host cgroup namespace', { HostConfig: { CgroupnsMode: 'host' } } as Parameters<typeof hostAccessOf>[0]],
    ['network of another container', { HostConfig: { NetworkMode: 'container:abc' } }],
  ];
  for (const [what, c] of ordinary) it(`allows: ${what}`, () => expect(hostAccessOf(c)).toBeUndefined());
});

describe('hostAccessOf: a bind of a symlink counts where it leads (pass 5)', () => {
  const bind = (Source: string, RW: boolean) => ({ Mounts: [{ Type: 'bind', Source, RW }] });
  it('refuses a read-only bind of a link into a credential tree, allows one into an ordinary folder', () => {
    // In /var/tmp, not beside this file: a checkout under /tmp (a tree where sockets live) would make
    // every bind in it refused for that reason first.
    const dir = fs.mkdtempSync('/var/tmp/porthole-links-');
    try {
      fs.symlinkSync('/etc', path.join(dir, 'etc-link'));
      fs.mkdirSync(path.join(dir, 'site'));
      fs.symlinkSync(path.join(dir, 'site'), path.join(dir, 'site-link'));
      expect(hostAccessOf(bind(path.join(dir, 'etc-link'), false))).toMatch(/credentials can be read/);
      expect(hostAccessOf(bind(path.join(dir, 'site-link'), false))).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("hostAccessOf: Porthole's own data directory (pass 6)", () => {
  const bind = (Source: string, RW: boolean) => ({ Mounts: [{ Type: 'bind', Source, RW }] });
  it('refuses a read-only bind of it, of a file in it or of a folder above it, once named', () => {
    const dir = '/srv/porthole-data-test';
    expect(hostAccessOf(bind(`${dir}/porthole.db`, false))).toBeUndefined();
    protectHostPath(dir);
    for (const source of [dir, `${dir}/porthole.db`, `${dir}/secret.key`.replace('secret', 'engine'), '/srv'])
      expect(hostAccessOf(bind(source, false)), source).toMatch(/credentials can be read/);
    expect(hostAccessOf(bind('/srv/www', false))).toBeUndefined();
  });
});
