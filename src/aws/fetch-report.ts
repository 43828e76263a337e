import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { tracked, type Progress } from '../model.js';
import { describeFailure, errorCode, rethrowUnlessAws } from './aws-errors.js';

export interface FetchedReport {
  readonly text: string;
  readonly generatedAt: Date;
  /** True when this run's GenerateCredentialReport started a new report. */
  readonly generatedByThisRun: boolean;
}

type ReportAttempt =
  | { readonly ok: true; readonly report: FetchedReport }
  | { readonly ok: false; readonly reason: string };

interface PollDeps {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly progress: Progress;
}

/** Answers that mean "not ready yet, ask again". */
const NOT_READY = new Set([
  'ReportInProgress',
  'ReportNotPresent',
  'ReportExpired',
  'LimitExceeded',
  'LimitExceededException',
]);

/**
 * Asks AWS for a credential report and waits for it, at most `timeoutMs`. AWS reuses a
 * report under 4 hours old, so the report may be older than this run; the caller decides
 * what to bring up to date. Never throws for AWS errors: it says why there is no report.
 */
export async function fetchCredentialReport(
  iam: IAMClient,
  timeoutMs: number,
  deps: PollDeps,
): Promise<ReportAttempt> {
  return tracked(deps.progress, 'waiting for the credential report', null, () =>
    poll(iam, timeoutMs, deps),
  );
}

async function poll(iam: IAMClient, timeoutMs: number, deps: PollDeps): Promise<ReportAttempt> {
  const deadline = deps.now().getTime() + timeoutMs;
  let generatedByThisRun = false;
  // A new report is usually ready within a second: look again soon, then less often.
  let delay = 100;
  for (;;) {
    let action = 'iam:GenerateCredentialReport';
    try {
      const state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
      if (state === 'STARTED') generatedByThisRun = true;
      if (state === 'COMPLETE') {
        action = 'iam:GetCredentialReport';
        const answer = await iam.send(new GetCredentialReportCommand({}));
        if (!answer.Content || !answer.GeneratedTime) {
          return { ok: false, reason: 'iam:GetCredentialReport returned no report' };
        }
        return {
          ok: true,
          report: {
            text: Buffer.from(answer.Content).toString('utf8'),
            generatedAt: answer.GeneratedTime,
            generatedByThisRun,
          },
        };
      }
    } catch (error) {
      rethrowUnlessAws(error);
      if (!NOT_READY.has(errorCode(error)))
        return { ok: false, reason: describeFailure(action, error) };
    }
    if (deps.now().getTime() + delay > deadline) {
      return {
        ok: false,
        reason: `the credential report was not ready within ${Math.round(timeoutMs / 1000)} s (report-timeout-seconds)`,
      };
    }
    await deps.sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
}
