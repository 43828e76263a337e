import type { Progress, ProgressTask } from '../model.js';

/** How often the log says how far long work has got. */
const PROGRESS_LOG_INTERVAL_MS = 10_000;

/** A piece of work under way, as its progress shows it. */
interface Running {
  readonly total: number | null;
  readonly done: number;
  /** `1,200 of 5,000 users read`, or `waiting for the credential report: 20 s`. */
  readonly line: string;
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A task that calls `show` every `everyMs` while it runs (and at once with `showAtStart`),
 * and `finish` once when it ends; its timer never keeps the process alive after the work.
 */
function timedTask(
  what: string,
  total: number | null,
  now: () => number,
  everyMs: number,
  show: (running: Running) => void,
  finish: (running: Running) => void,
  showAtStart = false,
): ProgressTask {
  const startedAt = now();
  let done = 0;
  const state = (): Running => ({
    total,
    done,
    line:
      total === null
        ? `${what}: ${Math.floor((now() - startedAt) / 1000)} s`
        : `${count(done)} of ${count(total)} ${what}`,
  });
  const timer = setInterval(() => {
    show(state());
  }, everyMs);
  timer.unref();
  if (showAtStart) show(state());
  let ended = false;
  return {
    advance: () => {
      done += 1;
    },
    end: () => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      finish(state());
    },
  };
}

/**
 * Progress as log lines, one every `intervalMs` while the work lasts, so a log never goes
 * quiet for longer than that; a counted piece of work also logs its last count when it ends.
 */
export function progressLog(
  log: (message: string) => void,
  intervalMs = PROGRESS_LOG_INTERVAL_MS,
  now: () => number = Date.now,
): Progress {
  return {
    begin: (what, total) =>
      timedTask(
        what,
        total,
        now,
        intervalMs,
        (r) => {
          log(r.line);
        },
        (r) => {
          if (r.total !== null && r.total > 0) log(r.line);
        },
      ),
  };
}

/** How often the bar is redrawn. */
const BAR_REDRAW_MS = 100;
const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\u001b[2K';

/** What a progress bar needs of its stream: the terminal's stderr. */
export interface BarStream {
  write(text: string): boolean;
}

/**
 * Progress as a bar on a terminal, redrawn in place; `clear` removes it so a log line can be
 * written, and the next redraw puts it back.
 */
export function progressBar(
  stream: BarStream,
  now: () => number = Date.now,
): Progress & { clear(): void } {
  let shown = false;
  const clear = (): void => {
    if (shown) stream.write(CLEAR_LINE);
    shown = false;
  };
  const draw = (r: Running): void => {
    const filled =
      r.total === null || r.total === 0
        ? null
        : Math.min(BAR_WIDTH, Math.floor((r.done / r.total) * BAR_WIDTH));
    const bar = filled === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
    stream.write(`${CLEAR_LINE}${bar}${r.line}`);
    shown = true;
  };
  return {
    clear,
    begin(what, total) {
      return timedTask(what, total, now, BAR_REDRAW_MS, draw, clear, true);
    },
  };
}
