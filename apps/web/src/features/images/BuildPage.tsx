import { Alert, Button, Checkbox, FileInput, Grid, Group, Paper, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { PageTitle } from '../../components/PageTitle.tsx';
import { useEngine } from '../../lib/engine-status.tsx';
import { shortId } from '../../lib/format.ts';
import { imageKeys } from '../../lib/docker/images.ts';
import { contextTar, keyValues } from './build-context.ts';
import { buildImage } from '../../lib/docker/image-streams.ts';
import { EngineLink } from '../../lib/engine-paths.tsx';
import { settleAbortable } from '../../lib/abortable.ts';
import { bindText } from '../../lib/bind-text.ts';

const EXAMPLE = `FROM porthole-test/busybox:latest AS build
ARG GREETING=hello
RUN echo "$GREETING" > /greeting

FROM porthole-test/busybox:latest
COPY --from=build /greeting /greeting
CMD ["cat", "/greeting"]
`;

/** `/images/build`: a Dockerfile typed in the editor (plus files) or an uploaded tar context. */
export function BuildPage() {
  const engine = useEngine();
  const client = useQueryClient();
  const [source, setSource] = useState<'editor' | 'tar'>('editor');
  const [dockerfile, setDockerfile] = useState(EXAMPLE);
  const [files, setFiles] = useState<File[]>([]);
  const [tarFile, setTarFile] = useState<File | null>(null);
  const [dockerfilePath, setDockerfilePath] = useState('Dockerfile');
  const [tag, setTag] = useState('');
  const [args, setArgs] = useState('');
  const [labels, setLabels] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [lines, setLines] = useState<string[]>([]);
  const [status, setStatus] = useState<'idle' | 'building' | 'done' | 'failed' | 'cancelled'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [imageId, setImageId] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const output = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const el = output.current;
    if (el && lines.length) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const buildArgs = keyValues(args);
  const buildLabels = keyValues(labels);
  const command = [
    'docker build',
    tag && `-t ${tag}`,
    ...Object.entries(buildArgs).map(([k, v]) => `--build-arg ${k}=${v}`),
    ...Object.entries(buildLabels).map(([k, v]) => `--label ${k}=${v}`),
    target && `--target ${target}`,
    noCache && '--no-cache',
    source === 'tar' ? `- < ${tarFile?.name ?? 'context.tar'}` : '.',
  ]
    .filter(Boolean)
    .join(' ');

  const build = async () => {
    setStatus('building');
    setLines([]);
    setError(null);
    setImageId(null);
    const ctrl = new AbortController();
    abort.current = ctrl;
    const end = await settleAbortable(ctrl.signal, async () => {
      const body =
        source === 'tar' && tarFile
          ? tarFile
          : await contextTar([{ path: 'Dockerfile', data: dockerfile }, ...files.map((f) => ({ path: f.name, data: f }))]);
      const options = {
        t: tag || undefined,
        dockerfile: source === 'tar' ? dockerfilePath : 'Dockerfile',
        buildargs: Object.keys(buildArgs).length ? JSON.stringify(buildArgs) : undefined,
        labels: Object.keys(buildLabels).length ? JSON.stringify(buildLabels) : undefined,
        target: target || undefined,
        nocache: noCache || undefined,
      };
      let id: string | null = null;
      let pending = '';
      await buildImage(
        engine,
        body,
        options,
        (m) => {
          if (m.aux?.ID) id = m.aux.ID;
          const text = m.stream ?? (m.status ? `${m.status}\n` : m.error ? `ERROR: ${m.errorDetail?.message ?? m.error}\n` : '');
          if (!text) return;
          pending += text;
          const nl = pending.lastIndexOf('\n');
          if (nl < 0) return;
          const complete = pending.slice(0, nl).split('\n');
          pending = pending.slice(nl + 1);
          setLines((l) => [...l, ...complete]);
        },
        ctrl.signal,
      );
      if (pending) setLines((l) => [...l, pending]);
      setImageId(id);
    });
    if (end.status === 'failed') setError(end.error);
    setStatus(end.status);
    abort.current = null;
    void client.invalidateQueries({ queryKey: imageKeys.all(engine) });
  };

  return (
    <Stack>
      <PageTitle title="Build an image" command={command} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <SegmentedControl
              aria-label="Build context"
              value={source}
              onChange={(v) => setSource(v as 'editor' | 'tar')}
              data={[
                { value: 'editor', label: 'Dockerfile editor + files' },
                { value: 'tar', label: 'Uploaded tar context' },
              ]}
            />
            {source === 'editor' ? (
              <>
                <Textarea
                  label="Dockerfile"
                  {...bindText(dockerfile, setDockerfile)}
                  autosize
                  minRows={10}
                  maxRows={22}
                  spellCheck={false}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                />
                <FileInput label="Files for COPY/ADD (top level of the context)" multiple value={files} onChange={setFiles} clearable />
              </>
            ) : (
              <>
                <FileInput label="Context tar" value={tarFile} onChange={setTarFile} accept=".tar,.tar.gz,.tgz" clearable />
                <TextInput label="Dockerfile path in the tar" {...bindText(dockerfilePath, setDockerfilePath)} />
              </>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <TextInput label="Tag" placeholder="myapp:dev" {...bindText(tag, setTag)} />
            <Textarea label="Build args (KEY=VALUE per line)" {...bindText(args, setArgs)} autosize minRows={2} />
            <Textarea label="Labels (KEY=VALUE per line)" {...bindText(labels, setLabels)} autosize minRows={2} />
            <TextInput label="Target stage" placeholder="(last stage)" {...bindText(target, setTarget)} />
            <Checkbox label="No cache" checked={noCache} onChange={(e) => setNoCache(e.currentTarget.checked)} />
            <Group>
              <Button onClick={build} loading={status === 'building'} disabled={status === 'building' || (source === 'tar' && !tarFile)}>
                Build
              </Button>
              {status === 'building' && (
                <Button color="red" variant="light" onClick={() => abort.current?.abort()}>
                  Cancel build
                </Button>
              )}
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
      {(lines.length > 0 || status !== 'idle') && (
        <Paper withBorder p="xs">
          <Text size="sm" fw={600} mb={4}>
            Build output {status === 'building' && '(live)'}
          </Text>
          <pre
            ref={output}
            role="log"
            aria-label="Build output"
            data-testid="build-output"
            style={{ maxHeight: 320, overflow: 'auto', margin: 0, fontSize: 12, fontFamily: 'var(--mantine-font-family-monospace)' }}
          >
            {lines.map((l, i) => (
              <div key={i} data-line={i}>
                {l || '\u00a0'}
              </div>
            ))}
          </pre>
        </Paper>
      )}
      {status === 'done' && (
        <Alert color="green" title="Built" data-testid="build-done">
          <Group>
            <Text size="sm">
              Image <code>{imageId ? shortId(imageId) : ''}</code> {tag && `tagged ${tag}`}
            </Text>
            {imageId && (
              <Button size="xs" component={EngineLink} to={`/images/${shortId(imageId)}/layers`}>
                Open in Layers tab
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {status === 'cancelled' && <Alert color="yellow">Build cancelled.</Alert>}
      {error && (
        <Alert color="red" role="alert" title="Build failed">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
