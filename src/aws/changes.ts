import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { describeFailure, rethrowUnlessAws } from './aws-errors.js';

/**
 * The IAM events that change whether a user can sign in without MFA: worse or new
 * (CreateLoginProfile, DeactivateMFADevice, CreateUser) and better or gone
 * (EnableMFADevice, DeleteLoginProfile, DeleteUser). DeleteVirtualMFADevice is not looked up:
 * an assigned device must be deactivated first, and that event names the user.
 */
const CHANGE_EVENTS = [
  'CreateLoginProfile',
  'DeactivateMFADevice',
  'CreateUser',
  'EnableMFADevice',
  'DeleteLoginProfile',
  'DeleteUser',
] as const;
type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** One change to one user, as CloudTrail recorded it. */
export interface UserChange {
  readonly event: ChangeEvent;
  readonly userName: string;
  readonly time: Date;
  /** From a CreateUser event: the new user's ARN, when the event carries it. */
  readonly arn: string | null;
}

type ChangesAttempt =
  | {
      readonly ok: true;
      readonly changes: readonly UserChange[];
      readonly since: Date;
      readonly until: Date;
    }
  | { readonly ok: false; readonly reason: string };

/** The region where CloudTrail records IAM's (global) events, per partition. */
export function iamEventsRegion(partition: string): string {
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  if (partition === 'aws-cn') return 'cn-north-1';
  return 'us-east-1';
}

/** LookupEvents allows 2 requests per second per account and region. */
const LOOKUP_INTERVAL_MS = 500;
const PAGE_SIZE = 50;

/**
 * The IAM changes CloudTrail's event history recorded from `since` until now: one lookup per
 * event name (LookupEvents takes one attribute), paged, paced within its rate. An event that
 * does not say which user it changed makes the whole answer unusable (ok: false), so the
 * caller reads every user instead of trusting a partial picture.
 */
export async function changesSince(
  cloudtrail: CloudTrailClient,
  since: Date,
  deps: { readonly now: () => Date; readonly sleep: (ms: number) => Promise<void> },
): Promise<ChangesAttempt> {
  const until = deps.now();
  const changes: UserChange[] = [];
  let first = true;
  try {
    for (const event of CHANGE_EVENTS) {
      let token: string | undefined;
      do {
        if (!first) await deps.sleep(LOOKUP_INTERVAL_MS);
        first = false;
        const page = await cloudtrail.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: event }],
            StartTime: since,
            EndTime: until,
            MaxResults: PAGE_SIZE,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        for (const record of page.Events ?? []) {
          const change = userChange(event, record);
          if (change === null) {
            return {
              ok: false,
              reason: `cloudtrail:LookupEvents returned a ${event} event (${record.EventId ?? 'no id'}) that names no user`,
            };
          }
          changes.push(change);
        }
        token = page.NextToken;
      } while (token);
    }
  } catch (error) {
    rethrowUnlessAws(error);
    return { ok: false, reason: describeFailure('cloudtrail:LookupEvents', error) };
  }
  return { ok: true, changes, since, until };
}

/** The user an event changed, from its full record (`requestParameters.userName`). */
function userChange(event: ChangeEvent, record: Event): UserChange | null {
  let detail: {
    requestParameters?: { userName?: unknown };
    responseElements?: { user?: { arn?: unknown } };
  };
  try {
    detail = JSON.parse(record.CloudTrailEvent ?? '') as typeof detail;
  } catch {
    return null;
  }
  const userName = detail.requestParameters?.userName;
  if (typeof userName !== 'string' || userName === '' || record.EventTime === undefined) {
    return null;
  }
  const arn = detail.responseElements?.user?.arn;
  return {
    event,
    userName,
    time: record.EventTime,
    arn: typeof arn === 'string' ? arn : null,
  };
}
