import { queryOptions } from '@tanstack/react-query';
import { docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';
import type { SwarmVersion } from './swarm.ts';

/** Swarm configs through the proxy: like secrets, but their content can be read back (operators and admins; viewers get it masked). */
export interface SwarmConfig {
  ID: string;
  Version: SwarmVersion;
  CreatedAt: string;
  UpdatedAt: string;
  /** `Data` is base64; the server answers a viewer `******` instead. */
  Spec: { Name: string; Labels?: Record<string, string>; Data?: string };
}
/** `--config source=x,target=/etc/x` in a service's container spec. */
export interface ConfigReference {
  ConfigID: string;
  ConfigName: string;
  File: { Name: string; UID: string; GID: string; Mode: number };
}

/** What the proxy answers a viewer instead of a config's content (apps/server/src/policy/env-mask.ts). */
export const MASKED_CONTENT = '******';

export const configKeys = { all: (engine: string) => resourceKey(engine, 'configs') };

export const configsQuery = (engine: string) =>
  queryOptions({ queryKey: configKeys.all(engine), queryFn: () => docker<SwarmConfig[]>(engine, '/configs'), refetchInterval: 5000 });

/** Base64 of bytes, without spreading them into one call (large files). */
export function base64OfBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes as UTF-8 text, or `null` when they are not UTF-8 (binary). */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
/** A config's content (base64) as text, or `null` when it is binary (shown as its size instead). */
export const configText = (data: string) => utf8Text(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
export const configSize = (data: string) => Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);

export const createConfig = (engine: string, name: string, content: Uint8Array, labels: Record<string, string>) =>
  docker<{ ID: string }>(engine, '/configs/create', {
    method: 'POST',
    body: { Name: name, Data: base64OfBytes(content), Labels: labels },
  });
export const removeConfig = (engine: string, id: string) =>
  docker<void>(engine, `/configs/${encodeURIComponent(id)}`, { method: 'DELETE' });
