import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The no-cross-feature-import rule of biome.json, run by the real biome on files planted in a
 * feature folder: a feature imports only lib/, components/ and @porthole/shared.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const plant = join(here, 'features', `zz-lint-plant-${process.pid}`);
const MESSAGE = 'A feature imports only lib/, components/ and @porthole/shared, never another feature or app/';

function lint(file: string, source: string) {
  const path = join(plant, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  const run = spawnSync(join(root, 'node_modules/.bin/biome'), ['lint', '--max-diagnostics=50', path], { cwd: root, encoding: 'utf8' });
  return { failed: run.status !== 0, output: `${run.stdout}${run.stderr}` };
}

afterAll(() => rmSync(plant, { recursive: true, force: true }));

// Each case starts biome (≈0.5 s, more on a loaded machine).
describe('the feature import rule (biome.json)', { timeout: 30_000 }, () => {
  it.each([
    ['a.ts', "import { x } from '../containers/ContainersPage.tsx';\nexport const y = x;\n"],
    ['b.ts', "import { x } from '../../features/images/ImagesPage.tsx';\nexport const y = x;\n"],
    ['c.ts', "import { x } from '../../app/router.tsx';\nexport const y = x;\n"],
    ['d.ts', "export const load = () => import('../logs/LogsPage.tsx');\n"],
    ['sub/e.ts', "import { x } from '../../volumes/VolumesPage.tsx';\nexport const y = x;\n"],
    ['sub/f.ts', "import { x } from '../../../app/Layout.tsx';\nexport const y = x;\n"],
    ['sub/deeper/g.ts', "import { x } from '../../../networks/NetworksPage.tsx';\nexport const y = x;\n"],
  ])('fails on a planted cross-feature or app import (%s)', (file, source) => {
    const result = lint(file, source);
    expect(result.failed).toBe(true);
    expect(result.output).toContain(MESSAGE);
  });

  it('passes lib/, components/, the same feature and @porthole/shared', () => {
    const result = lint(
      'sub/ok.ts',
      [
        "import { formatBytes } from '../../../lib/format.ts';",
        "import { QueryState } from '../../../components/QueryState.tsx';",
        "import { helper } from '../helper.ts';",
        "import { near } from './near.ts';",
        "import type { PullEvent } from '@porthole/shared/images';",
        'export const all: unknown[] = [formatBytes, QueryState, helper, near];',
        'export type Event = PullEvent;',
        '',
      ].join('\n'),
    );
    expect(result.output).not.toContain('noRestrictedImports');
    expect(result.failed).toBe(false);
  });

  it('still keeps schema code out of features', () => {
    const result = lint('h.ts', "import { Type } from '@sinclair/typebox';\nexport const t = Type.String();\n");
    expect(result.failed).toBe(true);
    expect(result.output).toContain('Schema code stays on the server');
  });
});
