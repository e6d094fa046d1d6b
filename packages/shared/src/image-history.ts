/**
 * Turning an image history's CREATED BY into the Dockerfile line it came from, for the Layers
 * tab, the reconstructed Dockerfile and the layer hints. Handles the classic builder
 * (`/bin/sh -c #(nop)  CMD ["sh"]`, `|1 ARG=x /bin/sh -c ...`) and BuildKit (`RUN ... # buildkit`).
 */

/** One entry of `GET /images/{name}/history` (newest first, as the engine sends it). */
export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** Every Dockerfile instruction. */
const INSTRUCTION_NAMES = [
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'LABEL',
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'USER',
  'WORKDIR',
  'VOLUME',
  'HEALTHCHECK',
  'SHELL',
  'STOPSIGNAL',
  'ONBUILD',
  'MAINTAINER',
] as const;
export type Instruction = (typeof INSTRUCTION_NAMES)[number];

const INSTRUCTIONS = new Set<string>(INSTRUCTION_NAMES);

export interface DockerfileLine {
  instruction: Instruction;
  /** The line as it would read in a Dockerfile, e.g. `RUN apt-get update`. */
  line: string;
}

/** The Dockerfile line a history entry's CREATED BY stands for. */
export function dockerfileLine(createdBy: string): DockerfileLine {
  let s = (createdBy ?? '').trim().replace(/\s+# buildkit$/, '');
  const nop = /#\(nop\)\s*(.*)$/s.exec(s);
  if (nop) {
    s = (nop[1] as string).trim();
    // `COPY file:abc… in /bin/busybox` → `COPY file:abc… /bin/busybox`
    s = s.replace(/^(COPY|ADD) (.+?) in (\S+)\s*$/s, (_m, ins: string, src: string, dst: string) => `${ins} ${src} ${dst}`);
    const word = s.split(/\s/, 1)[0]?.toUpperCase() ?? '';
    if (INSTRUCTIONS.has(word)) return { instruction: word as Instruction, line: `${word} ${s.slice(word.length).trim()}` };
    return { instruction: 'RUN', line: `RUN ${s}` };
  }
  // Build args of a classic RUN: `|2 A=1 B=2 /bin/sh -c cmd`
  s = s.replace(/^\|\d+\s+(?:\S+=\S*\s+)*/, '');
  const word = s.split(/\s/, 1)[0] ?? '';
  if (INSTRUCTIONS.has(word) && word !== 'RUN') return { instruction: word as Instruction, line: s };
  if (word === 'RUN')
    s = s
      .slice(3)
      .trim()
      .replace(/^\|\d+\s+(?:\S+=\S*\s+)*/, '');
  const shell = /^\/bin\/sh -c\s+(.*)$/s.exec(s);
  if (shell) return { instruction: 'RUN', line: `RUN ${(shell[1] as string).trim()}` };
  if (!s) return { instruction: 'RUN', line: 'RUN' };
  return { instruction: 'RUN', line: `RUN ${JSON.stringify(s.split(/\s+/))}` };
}

/** The instructions that only change the image config: all but those that write files. */
const METADATA = new Set<Instruction>(INSTRUCTION_NAMES.filter((i) => i !== 'RUN' && i !== 'COPY' && i !== 'ADD'));

/**
 * Which `GET /images/{id}/history` entries (oldest first) made no layer tar. The API does not
 * say (the image config's `empty_layer` is not exposed): metadata instructions of size 0 are
 * empty; when that leaves fewer layers than the image has, size-0 WORKDIRs count as layers.
 */
export function emptyLayerFlags(history: Array<{ CreatedBy: string; Size: number }>, layerCount: number): boolean[] {
  const lines = history.map((h) => dockerfileLine(h.CreatedBy));
  const empty = history.map((h, i) => h.Size === 0 && METADATA.has((lines[i] as DockerfileLine).instruction));
  let layers = empty.filter((e) => !e).length;
  for (let i = 0; i < history.length && layers < layerCount; i++) {
    if (empty[i] && lines[i]?.instruction === 'WORKDIR') {
      empty[i] = false;
      layers++;
    }
  }
  return empty;
}
