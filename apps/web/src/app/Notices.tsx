import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';

/**
 * The layout's notices, fetched only when one is shown (not part of the first load): the first-start
 * password, an engine that cannot be reached, an engine id Porthole does not know.
 */
export default function Notice({ kind, engine, message }: { kind: 'engine-down' | 'unknown-engine'; engine?: string; message?: string }) {
  if (kind === 'engine-down')
    return (
      <Alert color="red" mb="md" role="alert" title={`Engine "${engine}" is unreachable`}>
        {message ?? 'Porthole cannot reach this engine.'} What you see may be out of date; the views refresh by themselves when it answers
        again.
      </Alert>
    );
  return (
    <Alert color="red" title={`Unknown engine "${engine}"`} role="alert">
      Porthole has no engine with this id.{' '}
      <Anchor component={Link} to="/engines">
        See all engines
      </Anchor>
      .
    </Alert>
  );
}
