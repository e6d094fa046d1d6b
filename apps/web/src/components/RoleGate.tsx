import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Permission } from '../lib/role.ts';

/**
 * A view the signed-in role may not use (reached through the URL bar): the reason instead of the
 * view. The server refuses it as well; this only spares the user a failing request.
 */
export function RoleGate({ permission, children }: { permission: Permission; children: ReactNode }) {
  if (permission.allowed) return children;
  return (
    <Alert color="orange" role="alert" title="Not allowed for your role">
      {permission.reason}. Ask an admin for a role that may.
    </Alert>
  );
}
