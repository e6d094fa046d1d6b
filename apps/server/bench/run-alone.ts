import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `tsx bench/<part>.ts`: when the module at `moduleUrl` is the script being run, runs its bench
 * alone and prints its lines under `title` (exit code 1 on an error); imported, it does nothing.
 */
export async function runAlone(moduleUrl: string, title: string, bench: () => Promise<string[]>): Promise<void> {
  if (moduleUrl !== pathToFileURL(path.resolve(process.argv[1] ?? '')).href) return;
  try {
    const lines = await bench();
    console.log(`\n${title}`);
    for (const l of lines) console.log(`  • ${l}`);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
