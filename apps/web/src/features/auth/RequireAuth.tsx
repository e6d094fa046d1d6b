import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { authKeys, meQuery } from '../../lib/auth.ts';

/** Renders its children only for a signed-in user; otherwise goes to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery());
  const client = useQueryClient();
  const location = useLocation();
  useEffect(() => {
    // Any 401 from the API (expired session) sends the user back to sign in.
    const onUnauthorized = () => client.setQueryData(authKeys.me, null);
    window.addEventListener('porthole:unauthorized', onUnauthorized);
    return () => window.removeEventListener('porthole:unauthorized', onUnauthorized);
  }, [client]);
  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
