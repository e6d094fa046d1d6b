import { describe, expect, it } from 'vitest';
import { validateRunSpec } from './run-create.ts';
import { type PreviewPart, previewParts } from './run-preview.ts';
import { emptyRunSpec, type RunSpec } from './run-spec.ts';

const render = (parts: PreviewPart[][]) =>
  parts.map((line) => line.map((p) => ('text' in p ? p.text : `[${p.invalid}]`)).join('')).join('\n');
const preview = (patch: Partial<RunSpec>) => {
  const spec = { ...emptyRunSpec(), image: 'busybox', ...patch };
  return render(previewParts(spec, validateRunSpec(spec)));
};

describe('the docker run preview of an invalid form', () => {
  it('never shows an invalid value: each is a marked gap where it goes', () => {
    const text = preview({
      ports: [{ hostIp: '127.0.0.1', hostPort: '70000', containerPort: 'http', protocol: 'tcp' }],
      cpus: '-1',
      memory: 'lots',
      capAdd: ['FLY'],
      name: 'bad name',
      health: { ...emptyRunSpec().health, mode: 'custom', cmd: 'true', interval: 'often' },
    });
    for (const bad of ['70000', 'http', '-1', 'lots', 'FLY', 'bad name', 'often']) expect(text).not.toContain(bad);
    expect(text).toContain('-p 127.0.0.1:[ports.0.hostPort]:[ports.0.containerPort]');
    expect(text).toContain('--cpus [cpus]');
    expect(text).toContain('--memory [memory]');
    expect(text).toContain('--cap-add [capAdd]');
    expect(text).toContain('--name [name]');
    expect(text).toContain('--health-interval [health.interval]');
  });

  it('is the plain command when the form is valid, quoting and all', () => {
    const spec = { ...emptyRunSpec(), image: 'busybox', name: 'web', command: "sh -c 'echo hi'", memory: '64m' };
    const parts = previewParts(spec, validateRunSpec(spec));
    expect(parts.flat().every((p) => 'text' in p)).toBe(true);
    expect(render(parts)).toBe("docker run -d --name web --memory 64m busybox sh -c 'echo hi'");
  });

  it('marks invalid rows of lists by their index and keeps the valid ones', () => {
    const text = preview({
      ports: [
        { hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
        { hostIp: 'nowhere', hostPort: '81', containerPort: '81', protocol: 'udp' },
      ],
      tmpfs: [{ target: 'relative', size: '1x', options: '' }],
    });
    expect(text).toContain('-p 8080:80 -p [ports.1.hostIp]:81:81/udp');
    expect(text).toContain('--tmpfs [tmpfs.0.target]:size=[tmpfs.0.size]');
  });
});
