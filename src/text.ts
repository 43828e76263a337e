/** `1 finding`, `2 findings`: a count with its noun. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Control characters, and the invisible marks that reorder, join or hide text. */
const INVISIBLE = '\\p{Cc}\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff';

/** Matches one such character. */
export const CONTROL_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'u');

/**
 * Text with control characters and invisible direction marks written as `\u001b`-style
 * escapes, so a name cannot drive a terminal, hide a link or reorder what a reader sees.
 */
export function visible(text: string): string {
  return text.replace(
    new RegExp(`[${INVISIBLE}]`, 'gu'),
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** At most `max` characters: longer text is cut, and says so with an ellipsis. */
export function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
