/**
 * A local CloudTrail event history for the tests (moto has no LookupEvents): it records the
 * IAM calls that pass through the test proxy, failed ones included, and answers LookupEvents
 * over CloudTrail's JSON 1.1 protocol (`X-Amz-Target: CloudTrail_20131101.LookupEvents`),
 * with events shaped as CloudTrail's: one-second times, `CloudTrailEvent` the full record as a
 * JSON string with `eventSource`, `errorCode` and `userIdentity`. A test may also record what
 * other services write there (QuickSight's DeleteUser, say).
 */
import { randomUUID } from 'node:crypto';

/** IAM actions recorded, as CloudTrail records them: calls that failed too. */
export const RECORDED_ACTIONS = new Set([
  'CreateLoginProfile',
  'DeleteLoginProfile',
  'EnableMFADevice',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'CreateUser',
  'DeleteUser',
  'UpdateUser',
]);

/** What a record says beyond its name and user. */
export interface RecordShape {
  /** When the call was made; CloudTrail keeps whole seconds. Default now. */
  readonly time?: Date;
  /** `eventSource`; default `iam.amazonaws.com`. */
  readonly source?: string;
  /** Set for a call that failed or was denied. */
  readonly errorCode?: string;
  /** The caller; default an assumed role. */
  readonly userIdentity?: { readonly type: string; readonly userName?: string };
  /** `requestParameters` beyond `userName` (e.g. UpdateUser's `newUserName`). */
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly eventName: string;
  readonly time: Date;
  /** `requestParameters.userName`; null records an event that names no user. */
  readonly userName: string | null;
  readonly shape: RecordShape;
}

interface LookupRequest {
  LookupAttributes?: { AttributeKey?: string; AttributeValue?: string }[];
  StartTime?: number;
  EndTime?: number;
  MaxResults?: number;
  NextToken?: string;
}

const wholeSecond = (time: Date): Date => new Date(Math.floor(time.getTime() / 1000) * 1000);

export class EventHistory {
  private readonly events: RecordedEvent[] = [];

  record(eventName: string, userName: string | null, shape: RecordShape = {}): void {
    this.events.push({
      eventId: randomUUID(),
      eventName,
      time: wholeSecond(shape.time ?? new Date()),
      userName,
      shape,
    });
  }

  recorded(): readonly RecordedEvent[] {
    return [...this.events];
  }

  /** The LookupEvents answer to a JSON request body: newest first, paged by NextToken. */
  lookup(body: string): { status: number; body: string } {
    const request = JSON.parse(body === '' ? '{}' : body) as LookupRequest;
    const attributes = request.LookupAttributes ?? [];
    if (attributes.length > 1) {
      return jsonError(
        400,
        'InvalidLookupAttributesException',
        'You cannot specify more than one lookup attribute.',
      );
    }
    const [attribute] = attributes;
    if (attribute && attribute.AttributeKey !== 'EventName') {
      return jsonError(
        400,
        'InvalidLookupAttributesException',
        'Only EventName lookups are served here.',
      );
    }
    const from = (request.StartTime ?? 0) * 1000;
    const to = (request.EndTime ?? Number.MAX_SAFE_INTEGER / 1000) * 1000;
    const matching = this.events
      .filter(
        (e) => attribute?.AttributeValue === undefined || e.eventName === attribute.AttributeValue,
      )
      .filter((e) => e.time.getTime() >= from && e.time.getTime() <= to)
      .sort((a, b) => b.time.getTime() - a.time.getTime());
    const start = Number(request.NextToken ?? '0');
    const size = Math.min(request.MaxResults ?? 50, 50);
    const page = matching.slice(start, start + size);
    const next = start + size < matching.length ? String(start + size) : undefined;
    return {
      status: 200,
      body: JSON.stringify({
        Events: page.map(asCloudTrailEvent),
        ...(next === undefined ? {} : { NextToken: next }),
      }),
    };
  }
}

/** An event as LookupEvents lists it, its full record as CloudTrail writes it. */
function asCloudTrailEvent(e: RecordedEvent): Record<string, unknown> {
  const source = e.shape.source ?? 'iam.amazonaws.com';
  const caller = e.shape.userIdentity ?? { type: 'AssumedRole' };
  const parameters = {
    ...(e.userName === null ? {} : { userName: e.userName }),
    ...e.shape.parameters,
  };
  return {
    EventId: e.eventId,
    EventName: e.eventName,
    ReadOnly: 'false',
    EventTime: e.time.getTime() / 1000,
    EventSource: source,
    Username: caller.userName ?? 'test-admin',
    Resources:
      e.userName === null ? [] : [{ ResourceType: 'AWS::IAM::User', ResourceName: e.userName }],
    CloudTrailEvent: JSON.stringify({
      eventVersion: '1.10',
      userIdentity: caller,
      eventTime: e.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: source,
      eventName: e.eventName,
      awsRegion: 'us-east-1',
      ...(e.shape.errorCode === undefined
        ? {}
        : { errorCode: e.shape.errorCode, errorMessage: `${e.shape.errorCode} (recorded)` }),
      requestParameters: Object.keys(parameters).length === 0 ? null : parameters,
      responseElements: null,
      eventID: e.eventId,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
    }),
  };
}

/** A JSON 1.1 protocol error, e.g. `AccessDeniedException`. */
export function jsonError(
  status: number,
  type: string,
  message: string,
): { status: number; body: string } {
  return { status, body: JSON.stringify({ __type: type, message }) };
}

export const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };
