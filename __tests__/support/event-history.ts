/**
 * A local CloudTrail event history for the tests (moto has no LookupEvents): it records the
 * IAM changes that pass through the test proxy and answers LookupEvents over CloudTrail's
 * JSON 1.1 protocol (`X-Amz-Target: CloudTrail_20131101.LookupEvents`), with events shaped
 * as CloudTrail's: `CloudTrailEvent` is the full record as a JSON string.
 */
import { randomUUID } from 'node:crypto';

/** IAM actions recorded when they succeed (the ones that change a user's sign-in state). */
export const RECORDED_ACTIONS = new Set([
  'CreateLoginProfile',
  'DeleteLoginProfile',
  'EnableMFADevice',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'CreateUser',
  'DeleteUser',
]);

export interface RecordedEvent {
  readonly eventId: string;
  readonly eventName: string;
  readonly time: Date;
  /** `requestParameters.userName`; null records an event that names no user. */
  readonly userName: string | null;
  /** The user's ARN, from a CreateUser answer. */
  readonly arn: string | null;
}

interface LookupRequest {
  LookupAttributes?: { AttributeKey?: string; AttributeValue?: string }[];
  StartTime?: number;
  EndTime?: number;
  MaxResults?: number;
  NextToken?: string;
}

export class EventHistory {
  private readonly events: RecordedEvent[] = [];

  record(
    eventName: string,
    userName: string | null,
    arn: string | null = null,
    time = new Date(),
  ): void {
    this.events.push({ eventId: randomUUID(), eventName, time, userName, arn });
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
        Events: page.map((e) => ({
          EventId: e.eventId,
          EventName: e.eventName,
          ReadOnly: 'false',
          EventTime: e.time.getTime() / 1000,
          EventSource: 'iam.amazonaws.com',
          Username: 'test-admin',
          Resources:
            e.userName === null
              ? []
              : [{ ResourceType: 'AWS::IAM::User', ResourceName: e.userName }],
          CloudTrailEvent: JSON.stringify({
            eventVersion: '1.10',
            eventTime: e.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            eventSource: 'iam.amazonaws.com',
            eventName: e.eventName,
            awsRegion: 'us-east-1',
            requestParameters: e.userName === null ? null : { userName: e.userName },
            responseElements:
              e.arn === null ? null : { user: { userName: e.userName, arn: e.arn } },
            eventID: e.eventId,
            readOnly: false,
            eventType: 'AwsApiCall',
            managementEvent: true,
          }),
        })),
        ...(next === undefined ? {} : { NextToken: next }),
      }),
    };
  }
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
