/** Where a value came from: a file and the path to the value inside it. Positions are resolved lazily. */

export type PathSeg = string | number;
export type Path = readonly PathSeg[];

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  col: number;
}

/** A loaded text file that can turn a value path into a position when a diagnostic needs one. */
export interface SourceFile {
  /** The path as shown to the user (relative to the working directory where possible). */
  readonly name: string;
  /** The full text, for excerpts. */
  readonly text: string;
  /** Position of the value at `path`; with `key`, of the key naming it. Falls back to the nearest ancestor. */
  locate(path: Path, key?: boolean): Position;
}

/** A reference to a value in a source file. */
export interface Src {
  file: SourceFile;
  path: Path;
}

/** Formats a value path as `indicators[3].targets.2031`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** The source reference of a child value. */
export function child(src: Src, ...segs: PathSeg[]): Src {
  return { file: src.file, path: [...src.path, ...segs] };
}

/** The source reference of a descendant `segs` below `src` (a path of any length). */
export function descendant(src: Src, segs: readonly PathSeg[]): Src {
  return { file: src.file, path: [...src.path, ...segs] };
}

/**
 * The source reference of item `index` of the list at `parent`. A ledger has a million items:
 * each keeps this two-field object, and the path array is built only when a diagnostic or
 * `--explain` asks for it.
 */
export class ItemSrc implements Src {
  readonly #parent: Src;
  readonly #index: number;

  constructor(parent: Src, index: number) {
    this.#parent = parent;
    this.#index = index;
  }

  get file(): SourceFile {
    return this.#parent.file;
  }

  get path(): Path {
    return [...this.#parent.path, this.#index];
  }
}
