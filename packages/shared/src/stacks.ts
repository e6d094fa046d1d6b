/** Swarm stacks (`/api/engines/:engine/stacks`; schemas: `schemas/stacks.ts`), what `docker stack` does. */
export interface StackDeploy {
  /** The stack's namespace: services are named `<name>_<service>`. */
  name: string;
  /** A compose file, version 3. */
  compose: string;
  /** Contents of the files the compose file's secrets and configs name (`file: ./db_password.txt`). */
  files?: Record<string, string>;
}

export interface StackService {
  id: string;
  name: string;
  image: string;
  mode: 'replicated' | 'global';
  /** Running / desired tasks. */
  running: number;
  desired: number;
}

export interface StackInfo {
  name: string;
  services: StackService[];
}

export interface StackDeployResult {
  name: string;
  created: string[];
  updated: string[];
}
