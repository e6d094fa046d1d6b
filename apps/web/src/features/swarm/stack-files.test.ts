import { describe, expect, it } from 'vitest';
import { composeFileRefs } from './stack-files.ts';

describe('composeFileRefs', () => {
  it('finds the files of secrets and configs, block and flow style, quoted or not, once each', () => {
    const compose = [
      'services:',
      '  web:',
      '    env_file: ./web.env',
      'secrets:',
      '  dbpass: { file: ./dbpass.txt }',
      '  other: {file: "./with space.txt", name: x}',
      'configs:',
      '  site:',
      "    file: './site.conf' # the site",
      '  again:',
      '    file: ./dbpass.txt',
    ].join('\n');
    expect(composeFileRefs(compose)).toEqual(['./dbpass.txt', './with space.txt', './site.conf']);
  });
  it('finds none in a compose file without them', () => {
    expect(composeFileRefs('services:\n  web:\n    image: busybox\n')).toEqual([]);
  });
});
