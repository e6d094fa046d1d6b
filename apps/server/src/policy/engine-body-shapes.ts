/**
 * The Engine API request bodies Porthole checks for non-admins, as the engine's Go types see them:
 * which keys are struct fields (matched by Go's encoding/json case-insensitively, Unicode simple
 * folds included), which are maps (keys taken as they are) and which are lists. A field whose
 * inside is never checked is `ANY` (forwarded as parsed). Field names are those of the Engine API
 * up to v1.47, so that a key a newer client sends is still recognised.
 */
export type BodyShape =
  | { kind: 'any' }
  | { kind: 'struct'; fields: Record<string, BodyShape> }
  | { kind: 'map'; of: BodyShape }
  | { kind: 'list'; of: BodyShape };

export const ANY: BodyShape = { kind: 'any' };
const mapOf = (of: BodyShape = ANY): BodyShape => ({ kind: 'map', of });
const listOf = (of: BodyShape): BodyShape => ({ kind: 'list', of });
const MAP = mapOf();

/** A struct: `plain` names fields whose inside is not checked; `nested` those with a shape. */
function struct(plain: string, nested: Record<string, BodyShape> = {}): BodyShape & { kind: 'struct' } {
  const fields: Record<string, BodyShape> = {};
  for (const name of plain.split(/\s+/).filter(Boolean)) fields[name] = ANY;
  return { kind: 'struct', fields: { ...fields, ...nested } };
}

/** `container.Resources` (in `HostConfig`, and the body of `POST /containers/{id}/update`). */
const RESOURCES = struct(
  `CpuShares Memory NanoCpus CgroupParent BlkioWeight BlkioWeightDevice BlkioDeviceReadBps BlkioDeviceWriteBps
   BlkioDeviceReadIOps BlkioDeviceWriteIOps CpuPeriod CpuQuota CpuRealtimePeriod CpuRealtimeRuntime CpusetCpus
   CpusetMems Devices DeviceCgroupRules DeviceRequests KernelMemory KernelMemoryTCP MemoryReservation MemorySwap
   MemorySwappiness OomKillDisable PidsLimit Ulimits CpuCount CpuPercent IOMaximumIOps IOMaximumBandwidth`,
);

const MOUNT = struct('Target ReadOnly Consistency BindOptions TmpfsOptions ClusterOptions Type Source', {
  VolumeOptions: struct('NoCopy Subpath', { Labels: MAP, DriverConfig: struct('Name', { Options: MAP }) }),
});

/** `container.HostConfig` */
export const HOST_CONFIG = struct(
  `Binds ContainerIDFile NetworkMode PortBindings RestartPolicy AutoRemove VolumeDriver VolumesFrom ConsoleSize
   CapAdd CapDrop CgroupnsMode Dns DnsOptions DnsSearch ExtraHosts GroupAdd IpcMode Cgroup Links OomScoreAdj PidMode
   Privileged PublishAllPorts ReadonlyRootfs SecurityOpt UTSMode UsernsMode ShmSize Runtime Isolation MaskedPaths
   ReadonlyPaths Init`,
  {
    ...RESOURCES.fields,
    Annotations: MAP,
    StorageOpt: MAP,
    Tmpfs: MAP,
    Sysctls: MAP,
    LogConfig: struct('Type', { Config: MAP }),
    Mounts: listOf(MOUNT),
  },
);

/** `container.Config` */
const CONTAINER_CONFIG = struct(
  `Hostname Domainname User AttachStdin AttachStdout AttachStderr Tty OpenStdin StdinOnce Env Cmd Healthcheck
   ArgsEscaped Image WorkingDir Entrypoint NetworkDisabled MacAddress OnBuild StopSignal StopTimeout Shell`,
  { ExposedPorts: MAP, Volumes: MAP, Labels: MAP },
);

/** `network.EndpointSettings` (a create's `NetworkingConfig.EndpointsConfig.<net>`, a connect's `EndpointConfig`). */
export const ENDPOINT_SETTINGS = struct(
  `Links Aliases MacAddress GwPriority NetworkID EndpointID Gateway IPAddress IPPrefixLen IPv6Gateway GlobalIPv6Address
   GlobalIPv6PrefixLen DNSNames`,
  { IPAMConfig: struct('IPv4Address IPv6Address LinkLocalIPs'), DriverOpts: MAP },
);

/**
 * `POST /containers/create`: the container's Config at the top level, `HostConfig`,
 * `NetworkingConfig` — and, on engines up to v24 (`ContainerConfigWrapper`), every HostConfig
 * field at the top level too, which the engine uses when the body has no `HostConfig`.
 */
export const CONTAINER_CREATE = struct('Cpuset', {
  ...HOST_CONFIG.fields,
  ...CONTAINER_CONFIG.fields,
  HostConfig: HOST_CONFIG,
  NetworkingConfig: struct('', { EndpointsConfig: mapOf(ENDPOINT_SETTINGS) }),
});

/** `POST /containers/{id}/update`: resources and the restart policy. */
export const CONTAINER_UPDATE = struct('RestartPolicy', RESOURCES.fields);

/** `POST /containers/{id}/exec` */
export const EXEC_CREATE = struct(
  'AttachStdin AttachStdout AttachStderr ConsoleSize DetachKeys Tty Env Cmd Privileged User WorkingDir Detach',
);

/** `POST /networks/create` (`NetworkCreateRequest`) */
export const NETWORK_CREATE = struct('Name CheckDuplicate Driver Scope EnableIPv4 EnableIPv6 Internal Attachable Ingress ConfigOnly', {
  IPAM: struct('Driver Config', { Options: MAP }),
  ConfigFrom: struct('Network'),
  Options: MAP,
  Labels: MAP,
});

/** `POST /networks/{id}/connect` */
export const NETWORK_CONNECT = struct('Container Force', { EndpointConfig: ENDPOINT_SETTINGS });
/** `POST /networks/{id}/disconnect` */
export const NETWORK_DISCONNECT = struct('Container Force');

/** `POST /volumes/create` */
export const VOLUME_CREATE = struct('Name Driver ClusterVolumeSpec', { DriverOpts: MAP, Labels: MAP });
