import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { LOOKUP_LIMITS } from '../limits.js';
import { AnswerError, describeFailure, rethrowUnlessAws } from './aws-errors.js';
import { eachPage } from './pages.js';

/**
 * The IAM events that change whether an existing user's console password or MFA is there:
 * CreateLoginProfile, DeleteLoginProfile, EnableMFADevice and DeactivateMFADevice.
 * DeleteVirtualMFADevice is not looked up: an assigned device must be deactivated first.
 * Users created, deleted, renamed or moved are seen in iam:ListUsers, not in events.
 */
const CHANGE_EVENTS = [
  'CreateLoginProfile',
  'DeleteLoginProfile',
  'EnableMFADevice',
  'DeactivateMFADevice',
] as const;
type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** The only source whose events change IAM users; other services have a DeleteUser too. */
const IAM_SOURCE = 'iam.amazonaws.com';

/** What CloudTrail says changed since a time, or why it cannot be told. */
type ChangesAttempt =
  | {
      readonly ok: true;
      /**
       * Names of the users whose password or MFA may have changed, in lower case: IAM takes
       * a user name in any case, and records it as the caller wrote it.
       */
      readonly users: ReadonlySet<string>;
      /** Events of another service, or of calls that failed: they changed nothing here. */
      readonly ignored: number;
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
/** CloudTrail records are at most 256 KB; a larger one is not a record. */
const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * The users whose password or MFA CloudTrail's event history says may have changed from
 * `since` until now: one lookup per event name (LookupEvents takes one attribute), paged,
 * paced within its rate. Only IAM's own events of calls that succeeded count. An event whose
 * user cannot be told makes the whole answer unusable (ok: false), so the caller reads every
 * user instead of trusting a partial picture.
 */
export async function changesSince(
  cloudtrail: CloudTrailClient,
  since: Date,
  deps: { readonly now: () => Date; readonly sleep: (ms: number) => Promise<void> },
): Promise<ChangesAttempt> {
  const until = deps.now();
  const deadline = until.getTime() + LOOKUP_LIMITS.totalMs;
  const users = new Set<string>();
  const seen = { ignored: 0, unusable: null as string | null };
  let first = true;
  try {
    for (const event of CHANGE_EVENTS) {
      await eachPage(
        'cloudtrail:LookupEvents',
        LOOKUP_LIMITS.pagesPerEvent,
        async (NextToken) => {
          if (!first) await deps.sleep(LOOKUP_INTERVAL_MS);
          first = false;
          if (deps.now().getTime() > deadline) {
            throw new AnswerError(
              `cloudtrail:LookupEvents took more than ${LOOKUP_LIMITS.totalMs / 1000} s in all`,
            );
          }
          return cloudtrail.send(
            new LookupEventsCommand({
              LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: event }],
              StartTime: since,
              EndTime: until,
              MaxResults: PAGE_SIZE,
              ...(NextToken === undefined ? {} : { NextToken }),
            }),
          );
        },
        (page) => (seen.unusable === null ? page.NextToken || undefined : undefined),
        (page) => {
          for (const record of page.Events ?? []) {
            const read = changedUser(event, record);
            if (read.kind === 'user') users.add(read.name.toLowerCase());
            else if (read.kind === 'ignored') seen.ignored += 1;
            else if (read.kind === 'unusable') seen.unusable ??= read.why;
          }
        },
      );
      if (seen.unusable !== null) return { ok: false, reason: seen.unusable };
    }
  } catch (error) {
    rethrowUnlessAws(error);
    return { ok: false, reason: describeFailure('cloudtrail:LookupEvents', error) };
  }
  return { ok: true, users, ignored: seen.ignored, since, until };
}

type ChangedUser =
  | { readonly kind: 'user'; readonly name: string }
  /** Root changed its own MFA: root is read live anyway. */
  | { readonly kind: 'root' }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'unusable'; readonly why: string };

interface TrailRecord {
  eventSource?: unknown;
  eventName?: unknown;
  errorCode?: unknown;
  requestParameters?: { userName?: unknown } | null;
  userIdentity?: { type?: unknown; userName?: unknown } | null;
}

/**
 * The user an event changed, from its full record: `requestParameters.userName`, or, when
 * the caller acted on itself, the IAM user in `userIdentity`. An event of another service
 * or a call that failed changed nothing here.
 */
function changedUser(event: ChangeEvent, record: Event): ChangedUser {
  const id = record.EventId ?? 'no id';
  const unusable = (what: string): ChangedUser => ({
    kind: 'unusable',
    why: `cloudtrail:LookupEvents returned a ${event} event (${id}) ${what}`,
  });
  const text = record.CloudTrailEvent ?? '';
  if (text.length > MAX_RECORD_CHARS) return unusable('larger than any CloudTrail record');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return unusable('whose CloudTrailEvent is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) return unusable('without a record');
  const detail = parsed as TrailRecord;
  if (detail.eventSource !== IAM_SOURCE) return { kind: 'ignored' };
  if (detail.errorCode !== undefined && detail.errorCode !== null && detail.errorCode !== '') {
    return { kind: 'ignored' };
  }
  if (detail.eventName !== event) return unusable('whose record names another event');
  const named = detail.requestParameters?.userName;
  if (typeof named === 'string' && named !== '') return { kind: 'user', name: named };
  if (named !== undefined && named !== null) return unusable('whose userName is not a name');
  const caller = detail.userIdentity;
  if (caller?.type === 'IAMUser' && typeof caller.userName === 'string' && caller.userName !== '') {
    return { kind: 'user', name: caller.userName };
  }
  if (caller?.type === 'Root') return { kind: 'root' };
  return unusable('that names no user, by a caller that is not an IAM user');
}
