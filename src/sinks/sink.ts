import type { AuditResult } from '../audit-result.js';
import type { UploadOutcome } from '../github/upload.js';

/** What the sinks that deliver the results did with them, for the sinks that show them. */
export interface Delivered {
  /** The SARIF file written, as the user named it; null when none was written. */
  readonly sarifFile: string | null;
  /** The SARIF log written, as text: what an upload sends. */
  readonly sarifText: string | null;
  /** With upload-sarif: what became of the upload. */
  readonly upload: UploadOutcome | null;
}

/** An audit's result and what has been delivered of it so far. */
export type Outcome = AuditResult & Delivered;

/**
 * One output of a run: the SARIF file, the code-scanning upload, the step outputs, the
 * annotations, the job summary, the terminal table or the JSON.
 */
export interface Sink {
  readonly name: string;
  /**
   * Whether the run stands or falls with it: a required sink that fails stops the run with
   * an error; an optional one's failure is a warning and the rest are still emitted.
   */
  readonly required: boolean;
  /** Checked before the audit, so a destination that cannot take the results costs no AWS call. */
  readonly prepare?: () => Promise<void>;
  /** Emits the outcome; what it delivered is seen by the sinks after it. */
  readonly emit: (outcome: Outcome) => Promise<Partial<Delivered> | undefined>;
}

/** Nothing delivered yet. */
export const NOTHING_DELIVERED: Delivered = { sarifFile: null, sarifText: null, upload: null };
