import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/**
 * A view that failed to load or render, in place of the view (the navigation stays usable). The
 * usual cause is a view's chunk that is gone because Porthole was updated while the tab stayed
 * open (file names carry a content hash): reloading fetches the new build. `resetKey` (the path)
 * clears the error when the user goes elsewhere.
 */
export class RouteErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" role="alert" title="This view could not be loaded" m="md">
        <Stack gap="xs" align="start">
          <Text size="sm">{this.state.error.message}</Text>
          <Text size="sm">If Porthole was updated while this page was open, reloading loads the new version.</Text>
          <Button size="xs" variant="light" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </Stack>
      </Alert>
    );
  }
}
