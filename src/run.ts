import { audit, type AuditDeps } from './audit.js';
import { failureOf } from './errors.js';
import type { Plan } from './options.js';
import { NOTHING_DELIVERED, type Outcome, type Sink } from './sinks/sink.js';

/** A finished run: the outcome every sink saw, and why the step fails, if it does. */
export interface RunResult {
  readonly outcome: Outcome;
  /** The verdict's reason when it fails, and a failed upload's: the entry fails the step once. */
  readonly failures: readonly string[];
}

/**
 * Prepares every sink, audits, then emits the outcome to each sink in order. A required
 * sink's failure is thrown (the run is an error); an optional sink's failure is passed to
 * `warn` and the others are emitted all the same.
 */
export async function runAudit(
  plan: Plan,
  deps: AuditDeps,
  sinks: readonly Sink[],
  warn: (message: string) => void,
): Promise<RunResult> {
  for (const sink of sinks) await sink.prepare?.();
  let outcome: Outcome = { ...(await audit(plan, deps)), ...NOTHING_DELIVERED };
  for (const sink of sinks) {
    try {
      outcome = { ...outcome, ...(await sink.emit(outcome)) };
    } catch (error) {
      if (sink.required) throw error;
      warn(
        `The ${sink.name} could not be written (${failureOf(error).reason}); the verdict stands.`,
      );
    }
  }
  const { verdict, upload } = outcome;
  return {
    outcome,
    failures: [
      ...(verdict.result === 'fail' ? [verdict.why] : []),
      ...(upload?.kind === 'failed' ? [upload.reason] : []),
    ],
  };
}
