import fs from 'node:fs';
import { E2E } from './env.ts';

/** A fresh data dir per run: the admin password is the suite's own. */
export default function globalSetup() {
  if (!E2E.external) fs.rmSync(E2E.dataDir, { recursive: true, force: true });
  fs.mkdirSync(E2E.screenshots, { recursive: true });
}
