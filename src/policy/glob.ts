/**
 * A glob where `*` is any run of characters and `?` one; everything else is literal. It is
 * matched without backtracking: the text between stars is found leftmost, in order, which is
 * exact for such globs, so a match costs at most the name's length times the pattern's.
 */
export interface Glob {
  /** The literal text before the first `*` or `?`: a name must start with it. */
  readonly prefix: string;
  /** The literal text after the last `*` or `?`: a name must end with it. */
  readonly suffix: string;
  readonly test: (text: string) => boolean;
}

export function compileGlob(pattern: string): Glob {
  const parts = pattern.split('*');
  const prefix = /^[^?]*/.exec(parts[0] ?? '')?.[0] ?? '';
  const suffix = /[^?]*$/.exec(parts[parts.length - 1] ?? '')?.[0] ?? '';
  if (parts.length === 1) {
    return {
      prefix,
      suffix,
      test: (text) => text.length === pattern.length && at(text, 0, pattern),
    };
  }
  // Runs of stars are one star: `**` and `*` match the same names.
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  const least = first.length + last.length + middle.reduce((n, part) => n + part.length, 0);
  return {
    prefix,
    suffix,
    test: (text) => {
      if (text.length < least || !at(text, 0, first)) return false;
      const end = text.length - last.length;
      if (!at(text, end, last)) return false;
      let from = first.length;
      for (const part of middle) {
        const found = leftmost(text, from, end - part.length, part);
        if (found < 0) return false;
        from = found + part.length;
      }
      return true;
    },
  };
}

/** Whether `part` (with `?` for any one character) is in `text` at `index`. */
function at(text: string, index: number, part: string): boolean {
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== text.charCodeAt(index + i)) return false;
  }
  return true;
}

/** The first index from `from` up to `last` where `part` is in `text`; -1 when none. */
function leftmost(text: string, from: number, last: number, part: string): number {
  for (let index = from; index <= last; index++) if (at(text, index, part)) return index;
  return -1;
}
