import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStaleSpools } from './archive-upload.ts';

describe('sweepStaleSpools', () => {
  it('deletes only spool files untouched for 10 minutes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-sweep-'));
    const stale = path.join(dir, 'porthole-upload-00000000-0000-4000-8000-000000000001.tar');
    const fresh = path.join(dir, 'porthole-upload-00000000-0000-4000-8000-000000000002.tar');
    const other = path.join(dir, 'someone-elses.tar');
    for (const f of [stale, fresh, other]) fs.writeFileSync(f, 'x');
    const old = new Date(Date.now() - 11 * 60_000);
    fs.utimesSync(stale, old, old);
    fs.utimesSync(other, old, old);
    expect(sweepStaleSpools(dir)).toBe(1);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
