/**
 * Text from outside (user names, ARNs, paths, AWS's messages) made inert in GitHub's
 * Markdown: identifiers go in code spans, where nothing becomes a link, an image or markup;
 * prose keeps its words with the punctuation that could be markup escaped.
 */
import { bounded, visible } from '../text.js';

/** Identifiers longer than this are shortened in the summary; the SARIF holds them whole. */
const CODE_MAX_CHARS = 200;

/**
 * `text` as a code span: on one line, with a fence longer than any run of backticks in it.
 * In a table cell a `|` is escaped, as GFM reads cells before code spans.
 */
export function code(text: string, where: 'prose' | 'cell' = 'prose'): string {
  const oneLine = bounded(visible(text.replace(/\s+/g, ' ').trim()), CODE_MAX_CHARS);
  if (oneLine === '') return '(none)';
  const inner = where === 'cell' ? oneLine.replaceAll('|', '\\|') : oneLine;
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map(([run]) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/**
 * Prose that keeps its words but loses any Markdown or HTML meaning: punctuation that could
 * be markup is backslash-escaped, and what GFM would make a link of (`www.`, `scheme://`,
 * an e-mail address) is broken with a character reference.
 */
export function prose(text: string): string {
  return visible(text.replace(/\s+/g, ' '))
    .replace(/[\\`*_[\]<>|#~!&]/g, (c) => `\\${c}`)
    .replace(/\b(www)\./gi, '$1&#46;')
    .replace(/:\/\//g, '&#58;//')
    .replace(/@/g, '&#64;');
}

/** A code block whose fence no line of `lines` can close. */
export function codeBlock(language: string, lines: readonly string[]): string[] {
  const shown = lines.map((line) => visible(line));
  const longest = Math.max(
    0,
    ...shown.flatMap((l) => [...l.matchAll(/`+/g)].map(([r]) => r.length)),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...shown, fence];
}
