import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from '../lib/query-client.ts';
import { DeferredNotifications } from './DeferredNotifications.tsx';
import { AppRoutes } from './router.tsx';

const theme = createTheme({
  primaryColor: 'blue',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  defaultRadius: 'sm',
});

export function Providers() {
  const [client] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <DeferredNotifications />
      <QueryClientProvider client={client}>
        {/* No transitions: a URL-bound input (filter box, checkbox) re-renders with the URL in the same event. */}
        <BrowserRouter useTransitions={false}>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
