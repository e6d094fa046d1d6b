import { Alert, Button, Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { RunCommandError } from '@porthole/shared/run-command';
import { parseRunCommand } from '@porthole/shared/run-command-parse';
import type { RunSpec } from '@porthole/shared/run-spec';
import { useState } from 'react';

/** Paste a `docker run …` command and the form fills itself; unknown options are named. */
export function PastePanel({ initial, onFill }: { initial?: string; onFill: (spec: RunSpec) => void }) {
  const [text, setText] = useState(initial ?? '');
  const [error, setError] = useState<RunCommandError | null>(null);
  const fill = () => {
    try {
      onFill(parseRunCommand(text));
      setError(null);
    } catch (e) {
      setError(e instanceof RunCommandError ? e : new RunCommandError((e as Error).message));
    }
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={5}>Paste a docker run command</Title>
        <Textarea
          aria-label="docker run command to paste"
          placeholder="docker run -d --name web -p 127.0.0.1:8080:80 nginx"
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          ff="monospace"
        />
        {error && (
          <Alert
            color="red"
            role="alert"
            title={error.unknownOptions.length ? 'Options the form does not know' : 'Cannot read this command'}
          >
            {error.message}
          </Alert>
        )}
        <Group>
          <Button variant="light" onClick={fill} disabled={!text.trim()}>
            Fill the form
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
