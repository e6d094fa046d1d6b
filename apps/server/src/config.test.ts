import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWebDist, loadConfig } from './config.ts';

const made: string[] = [];
function repo(withBundleWeb: boolean, withRepoWeb: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-config-'));
  made.push(root);
  const bundle = path.join(root, 'apps/server/dist/bundle');
  fs.mkdirSync(bundle, { recursive: true });
  if (withBundleWeb) {
    fs.mkdirSync(path.join(bundle, 'web'));
    fs.writeFileSync(path.join(bundle, 'web/index.html'), '<!doctype html>');
  }
  if (withRepoWeb) {
    fs.mkdirSync(path.join(root, 'apps/web/dist'), { recursive: true });
    fs.writeFileSync(path.join(root, 'apps/web/dist/index.html'), '<!doctype html>');
  }
  return root;
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the SPA served without PORTHOLE_WEB_DIST', () => {
  it("is the bundle's own copy when it has one (the image, `node dist/bundle/server.mjs`)", () => {
    const root = repo(true, true);
    expect(defaultWebDist(path.join(root, 'apps/server/dist/bundle'))).toBe(path.join(root, 'apps/server/dist/bundle/web'));
  });

  it("is the repository's web build seen from the bundle or from src/", () => {
    const root = repo(false, true);
    expect(defaultWebDist(path.join(root, 'apps/server/dist/bundle'))).toBe(path.join(root, 'apps/web/dist'));
    fs.mkdirSync(path.join(root, 'apps/server/src'));
    expect(defaultWebDist(path.join(root, 'apps/server/src'))).toBe(path.join(root, 'apps/web/dist'));
  });

  it('is a directory without index.html when nothing is built (the API is served alone)', () => {
    const root = repo(false, false);
    const dir = defaultWebDist(path.join(root, 'apps/server/dist/bundle'));
    expect(fs.existsSync(path.join(dir, 'index.html'))).toBe(false);
  });

  it('PORTHOLE_WEB_DIST wins', () => {
    expect(loadConfig({ PORTHOLE_WEB_DIST: '/srv/spa' }).webDist).toBe('/srv/spa');
  });
});
