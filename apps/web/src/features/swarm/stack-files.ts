/**
 * The files a compose file's `secrets:` and `configs:` read (`file: ./db_password.txt`), as written:
 * the server's stack deploy takes their contents under these keys (`StackDeploy.files`). A plain
 * scan, no YAML parser in the browser: v3 has no other `file:` key (`env_file` is another word).
 */
export function composeFileRefs(compose: string): string[] {
  const refs = new Set<string>();
  for (const m of compose.matchAll(/(?:^|[\s{,])file:\s*(?:"([^"\n]+)"|'([^'\n]+)'|([^\s,}#]+))/gm)) {
    const ref = m[1] ?? m[2] ?? m[3];
    if (ref) refs.add(ref);
  }
  return [...refs];
}
