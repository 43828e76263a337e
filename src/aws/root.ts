import {
  GetAccountSummaryCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { MfaDevice, NotAssessed, Principal } from '../model.js';
import { notAssessedAfter } from './aws-errors.js';
import { eachPage, markerOf } from './pages.js';

type RootState =
  | { readonly ok: true; readonly root: Principal; readonly notAssessed: readonly NotAssessed[] }
  | { readonly ok: false; readonly notAssessed: NotAssessed };

/**
 * The root user as GetAccountSummary tells it now: MFA, password and access keys. It
 * overrides what a (possibly stale) report's root row says; the row supplies the dates.
 * With `readsDevices`, a root with MFA also gets its devices as far as a role can see them
 * (ListVirtualMFADevices); one that cannot be read leaves root's devices not assessed.
 */
export async function readRoot(
  iam: IAMClient,
  arn: string,
  fromReport: Principal | undefined,
  readsDevices: boolean,
): Promise<RootState> {
  let summary: Record<string, number>;
  try {
    summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
  } catch (error) {
    return {
      ok: false,
      notAssessed: notAssessedAfter(
        error,
        { subject: 'principal', arn, name: 'root' },
        'iam:GetAccountSummary',
      ),
    };
  }
  const flag = (key: string): boolean | null => (key in summary ? summary[key] === 1 : null);
  const mfaActive = flag('AccountMFAEnabled') ?? fromReport?.mfaActive ?? false;
  let mfaDevices: MfaDevice[] | null = null;
  const notAssessed: NotAssessed[] = [];
  if (readsDevices && mfaActive) {
    try {
      mfaDevices = await rootDevices(iam, arn);
    } catch (error) {
      notAssessed.push(
        notAssessedAfter(
          error,
          { subject: 'principal', arn, name: 'root' },
          'iam:ListVirtualMFADevices',
          'the kind of root’s MFA device is unknown',
        ),
      );
    }
  }
  return {
    ok: true,
    notAssessed,
    root: {
      kind: 'root',
      name: 'root',
      arn,
      createdAt: fromReport?.createdAt ?? null,
      consolePassword: flag('AccountPasswordPresent'),
      passwordLastUsed: fromReport?.passwordLastUsed ?? null,
      mfaActive,
      mfaDevices,
      accessKeysActive: flag('AccountAccessKeysPresent') ?? fromReport?.accessKeysActive ?? null,
      reportLine: null,
    },
  };
}

/**
 * Root's MFA devices as a role sees them: the virtual devices assigned to root
 * (ListVirtualMFADevices, by the device's user, or by the name the console once gave root's
 * device); when there is none, root's MFA is a hardware token or a FIDO key, which AWS does
 * not tell apart (Security Hub IAM.6 passes both).
 */
async function rootDevices(iam: IAMClient, rootArn: string): Promise<MfaDevice[]> {
  const consoleSerial = rootArn.replace(/:root$/, ':mfa/root-account-mfa-device');
  const virtual: MfaDevice[] = [];
  await eachPage(
    'iam:ListVirtualMFADevices',
    1000,
    (Marker) =>
      iam.send(
        new ListVirtualMFADevicesCommand({
          AssignmentStatus: 'Assigned',
          MaxItems: 1000,
          ...(Marker ? { Marker } : {}),
        }),
      ),
    (page) => markerOf('iam:ListVirtualMFADevices', page),
    (page) => {
      for (const device of page.VirtualMFADevices ?? []) {
        const serial = device.SerialNumber ?? null;
        if (device.User?.Arn === rootArn || serial === consoleSerial) {
          virtual.push({ kind: 'virtual', serial });
        }
      }
    },
  );
  return virtual.length > 0 ? virtual : [{ kind: 'hardware-or-fido', serial: null }];
}
