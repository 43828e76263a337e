/**
 * Findings set against what earlier runs knew: code scanning's alerts of this tool and
 * category, or an earlier SARIF log of this tool (`--baseline`). Pure: the reading is done
 * at the edge (src/github/history.ts, src/io/baseline-file.ts).
 */
import type { Finding, FindingHistory, Suppression } from '../model.js';
import { fingerprint } from '../fingerprint.js';

/** A code-scanning alert of this tool, as far as the audit reads it. */
export interface Alert {
  readonly number: number;
  readonly state: 'open' | 'dismissed' | 'fixed';
  readonly url: string | null;
  readonly createdAt: string | null;
  readonly dismissal: {
    readonly reason: string;
    readonly comment: string | null;
    readonly by: string | null;
    readonly at: string | null;
  } | null;
}

/**
 * What is known of earlier runs: read (from code scanning, or a baseline file), not read
 * and why (never a failure: the run goes on as without it), or not asked for.
 */
export type History =
  | {
      readonly kind: 'read';
      /** Where it comes from, for the summary: `code scanning`, `the baseline a.sarif`. */
      readonly source: string;
      /** The alerts of this tool and category; empty for a baseline file. */
      readonly alerts: readonly Alert[];
      /** The alert of each fingerprint in the latest analysis. */
      readonly alertOf: ReadonlyMap<string, number>;
      /** Fingerprints of the results of the baseline (a file): open before. */
      readonly known: ReadonlySet<string>;
      /** The principal (its ARN) of each fingerprint read, to name what was fixed. */
      readonly principals: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'none' };

/** An alert that was open and whose finding is gone: fixed by this run. */
export interface FixedAlert {
  readonly number: number | null;
  readonly url: string | null;
  readonly fingerprint: string;
  /** The principal's ARN, when the earlier run names it. */
  readonly principal: string | null;
}

/** The findings with their history, and what this run fixed. */
export interface WithHistory {
  readonly findings: readonly Finding[];
  readonly fixed: readonly FixedAlert[];
}

/**
 * Each finding's state: new, still open (an open or dismissed alert, or in the baseline),
 * or reopened (its alert was fixed). With `acceptDismissed`, a finding whose alert is
 * dismissed is accepted like a suppression, with the dismissal as its reason; one the
 * suppressions file accepts keeps that suppression.
 */
export function withHistory(
  findings: readonly Finding[],
  history: History,
  acceptDismissed: boolean,
): WithHistory {
  if (history.kind !== 'read') return { findings, fixed: [] };
  const byNumber = new Map(history.alerts.map((a) => [a.number, a]));
  const present = new Set<string>();
  const marked = findings.map((finding): Finding => {
    const print = fingerprint(finding);
    present.add(print);
    const number = history.alertOf.get(print);
    const alert = number === undefined ? undefined : byNumber.get(number);
    if (alert === undefined) {
      const state = history.known.has(print) ? 'open' : 'new';
      return { ...finding, history: { state, alert: null } };
    }
    const state: FindingHistory['state'] = alert.state === 'fixed' ? 'reopened' : 'open';
    const known: Finding = {
      ...finding,
      history: {
        state,
        alert: { number: alert.number, url: alert.url, openedAt: alert.createdAt },
      },
    };
    if (!acceptDismissed || alert.state !== 'dismissed' || finding.suppression !== null) {
      return known;
    }
    return { ...known, suppression: dismissal(finding, alert) };
  });
  // Each alert's fingerprint, looked up once per alert rather than searched for.
  const printOf = new Map([...history.alertOf].map(([print, number]) => [number, print]));
  const gone = (print: string | undefined, number: number | null, url: string | null) =>
    print === undefined || present.has(print)
      ? []
      : [{ number, url, fingerprint: print, principal: history.principals.get(print) ?? null }];
  const fixed = [
    ...history.alerts
      .filter((a) => a.state === 'open')
      .flatMap((a) => gone(printOf.get(a.number), a.number, a.url)),
    ...[...history.known].flatMap((print) => gone(print, null, null)),
  ];
  return { findings: marked, fixed };
}

/** A dismissed alert as the suppression of its finding. */
function dismissal(finding: Finding, alert: Alert): Suppression {
  const d = alert.dismissal;
  const said = d?.comment ? `: ${d.comment}` : '';
  return {
    rule: finding.ruleId,
    principal: finding.principal.name,
    match: 'exact',
    reason: `dismissed in code scanning as ${d?.reason ?? 'dismissed'}${said}`,
    owner: d?.by ?? null,
    expires: null,
    where: `code-scanning alert #${alert.number}${d?.at ? ` (dismissed ${d.at.slice(0, 10)})` : ''}`,
  };
}

const BASELINE_STATE = { new: 'new', open: 'unchanged', reopened: 'updated' } as const;

/** The SARIF baselineState of a finding: new, unchanged, or updated (reopened). */
export function baselineState(finding: Finding): 'new' | 'unchanged' | 'updated' | null {
  return finding.history === null ? null : BASELINE_STATE[finding.history.state];
}

/** A result of a SARIF log of this tool, as far as the history reads it. */
export interface SarifResult {
  readonly partialFingerprints?: Record<string, unknown>;
  readonly properties?: Record<string, unknown>;
  readonly locations?: readonly {
    readonly logicalLocations?: readonly { readonly fullyQualifiedName?: unknown }[];
  }[];
}

/** The principal (ARN) a result of this tool names, if any. */
export function principalOf(result: SarifResult): string | null {
  const arn = result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName;
  return typeof arn === 'string' ? arn : null;
}
