/** `1 finding`, `2 findings`: a count with its noun. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Control characters, and the invisible marks that reorder, join or hide text. */
const INVISIBLE = '\\p{Cc}\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff';

/** Matches one such character. */
export const CONTROL_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'u');
/** Matches every one (replace resets a global pattern's position, so one can be shared). */
const EVERY_CONTROL_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'gu');

/**
 * Text with control characters and invisible direction marks written as `\u001b`-style
 * escapes, so a name cannot drive a terminal, hide a link or reorder what a reader sees.
 */
export function visible(text: string): string {
  return text.replace(EVERY_CONTROL_CHARACTER, unicodeEscape);
}

/** `\u202e` for U+202E. */
function unicodeEscape(c: string): string {
  return `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** At most `max` characters: longer text is cut, and says so with an ellipsis. */
export function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const DAY_MS = 86_400_000;

/** UTC calendar days from `time` to `now` (negative when it is later); null when it is no time. */
export function daysAgo(time: string, now: Date): number | null {
  const at = Date.parse(time);
  return Number.isNaN(at) ? null : Math.floor(now.getTime() / DAY_MS) - Math.floor(at / DAY_MS);
}

/**
 * A time as a reader wants it in a table: its UTC day and how long ago that was,
 * `2026-11-20 (10 days ago)`. Text that is not a time (`never`, `unknown`) is kept.
 */
export function dayAndAge(time: string, now: Date): string {
  const days = daysAgo(time, now);
  if (days === null) return time;
  const day = new Date(Date.parse(time)).toISOString().slice(0, 10);
  const age =
    days === 0
      ? 'today'
      : days === 1
        ? 'yesterday'
        : days > 0
          ? `${days.toLocaleString('en-US')} days ago`
          : days === -1
            ? 'tomorrow'
            : `in ${(-days).toLocaleString('en-US')} days`;
  return `${day} (${age})`;
}

/** A time to the second in UTC, as IAM writes it: `2026-11-21T08:00:05Z`. */
export function isoSecond(time: Date | number): string {
  const ms = time instanceof Date ? time.getTime() : time;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A time to the minute in UTC, `2026-11-21 08:00 UTC`, for ends that fall within a day. */
export function minuteUtc(time: string | Date): string {
  const at = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isNaN(at)
    ? String(time)
    : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Characters a POSIX shell takes literally in a word. */
const SHELL_PLAIN = /^[\w+=,.@:/%-]+$/;

/**
 * One word for a POSIX shell: as it is when every character is taken literally, otherwise in
 * single quotes (a quote inside written '\''), so nothing in it runs when pasted.
 */
export function shellWord(text: string): string {
  return SHELL_PLAIN.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The invisible characters but the newline, which JSON.stringify writes only between values. */
const INVISIBLE_BUT_NEWLINE = INVISIBLE.replace(
  '\\p{Cc}',
  '\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f',
);
const EVERY_INVISIBLE_IN_JSON = new RegExp(`[${INVISIBLE_BUT_NEWLINE}]`, 'gu');

/**
 * JSON whose text holds no control character or invisible mark as such: JSON.stringify
 * escapes only U+0000 to U+001F, so the rest (DEL, C1 controls, direction marks) are written
 * as \u escapes too; the only raw newlines left are the indentation's, between values. The
 * value read back is the same; a viewer of the file sees the escape.
 */
export function inertJson(value: unknown, indent?: number): string {
  // replace returns the text itself, uncopied, when there is nothing to escape.
  return JSON.stringify(value, null, indent).replace(EVERY_INVISIBLE_IN_JSON, unicodeEscape);
}
