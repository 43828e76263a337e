import { GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { NotAssessed, Principal } from '../model.js';
import { notAssessedAfter } from './aws-errors.js';

type RootState =
  | { readonly ok: true; readonly root: Principal; readonly centrallyManaged: boolean }
  | { readonly ok: false; readonly notAssessed: NotAssessed };

/**
 * The root user as GetAccountSummary tells it now: MFA, password and access keys. It
 * overrides what a (possibly stale) report's root row says; the row supplies the dates.
 */
export async function readRoot(
  iam: IAMClient,
  arn: string,
  fromReport: Principal | undefined,
): Promise<RootState> {
  let summary: Record<string, number>;
  try {
    summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
  } catch (error) {
    return {
      ok: false,
      notAssessed: notAssessedAfter(error, { arn, name: 'root' }, 'iam:GetAccountSummary'),
    };
  }
  const flag = (key: string): boolean | null => (key in summary ? summary[key] === 1 : null);
  const consolePassword = flag('AccountPasswordPresent');
  const accessKeysActive = flag('AccountAccessKeysPresent') ?? fromReport?.accessKeysActive ?? null;
  return {
    ok: true,
    centrallyManaged: consolePassword === false && accessKeysActive === false,
    root: {
      kind: 'root',
      name: 'root',
      arn,
      createdAt: fromReport?.createdAt ?? null,
      consolePassword,
      passwordCreatedAt: null,
      passwordLastUsed: fromReport?.passwordLastUsed ?? null,
      mfaActive: flag('AccountMFAEnabled') ?? fromReport?.mfaActive ?? false,
      mfaDevices: null,
      accessKeysActive,
      reportLine: null,
    },
  };
}
