import type { Role } from '@porthole/shared/auth';
import { createToken } from './harness.ts';

export interface TeamMember {
  id: number;
  username: string;
  role: Role;
  password: string;
  /** The `Cookie` header of a session of this user. */
  cookie: string;
  /** An API token of this user (its own role). */
  token: string;
}

/** Sends a JSON request as a page of `url` signed in with `cookie` (Origin set, as a browser does). */
export function asAdmin(url: string, cookie: string, method: string, pathname: string, body?: unknown): Promise<Response> {
  return fetch(url + pathname, {
    method,
    headers: { cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return (res.headers.getSetCookie().find((c) => c.startsWith('porthole_session=')) as string).split(';')[0] as string;
}

/**
 * Creates a user through `POST /api/users` (as the admin), signs it in, changes the password the
 * admin set (the server holds everything else back until then) and gives it a token.
 */
export async function addMember(url: string, adminCookie: string, username: string, role: Role): Promise<TeamMember> {
  const initial = `pw-${username}-${Math.random().toString(36).slice(2)}-long`;
  const res = await asAdmin(url, adminCookie, 'POST', '/api/users', { username, password: initial, role });
  if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  const cookie = await signIn(url, username, initial);
  const password = `${initial}-own`;
  const changed = await asAdmin(url, cookie, 'POST', '/api/auth/password', { currentPassword: initial, newPassword: password });
  if (!changed.ok) throw new Error(`changing the password of ${username} failed: ${changed.status} ${await changed.text()}`);
  const token = await createToken(url, cookie, `${username}-cli`);
  return { id, username, role, password, cookie, token };
}
