/**
 * An image reference split the way the Engine API's pull takes it (`fromImage` + `tag`): the tag
 * is what follows the last `:` after the last `/` (a registry port is not a tag), a digest what
 * follows `@`; no tag means `latest`.
 */
export function splitImageRef(ref: string): { repo: string; tag: string } {
  const trimmed = ref.trim();
  const at = trimmed.indexOf('@');
  if (at >= 0) return { repo: trimmed.slice(0, at), tag: trimmed.slice(at + 1) };
  const colon = trimmed.lastIndexOf(':');
  if (colon > trimmed.lastIndexOf('/')) return { repo: trimmed.slice(0, colon), tag: trimmed.slice(colon + 1) };
  return { repo: trimmed, tag: 'latest' };
}

/** `nginx` → `nginx:latest`; a reference with a tag or digest stays as it is. */
export function withDefaultTag(ref: string): string {
  const { repo, tag } = splitImageRef(ref);
  return tag.startsWith('sha256:') ? `${repo}@${tag}` : `${repo}:${tag}`;
}
