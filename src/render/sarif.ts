import type * as Sarif from 'sarif';
import { notAssessedOf, partitionOf, soleAccount, type AccountAudits } from '../audit-result.js';
import type { AccountSnapshot, Finding, Principal, Severity } from '../model.js';
import { findingMessage, remediationIn, rulesNotApplicable, type Rule } from '../rules/catalog.js';
import { FINGERPRINT_KEY, fingerprint } from '../fingerprint.js';
import { baselineState } from '../policy/history.js';

export { fingerprint };
import { visible } from '../text.js';

/** The score GitHub maps to its severity label (> 9.0 critical, 7.0–8.9 high, ...). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
};

export type SarifLevel = 'error' | 'warning' | 'note';

export const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * The file and line an alert is shown at. GitHub needs a file in the repository:
 * the workflow that runs the audit, or the audited report. `line` null uses each
 * principal's line in the report. `inRepository` marks a URI relative to the checkout.
 */
export interface AlertAnchor {
  readonly uri: string;
  readonly line: number | null;
  readonly inRepository: boolean;
}

/** The commit a workflow run audited from: `versionControlProvenance` of the run. */
export interface Provenance {
  readonly repositoryUri: string;
  readonly revisionId: string;
  /** The branch name, when the run is on a branch. */
  readonly branch: string | null;
}

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  /** The project's home page. */
  readonly informationUri: string;
  /** Where the rules are documented (the README's table of rules). */
  readonly rulesUri: string;
}

/** Where the repository defines a user (its Terraform or CloudFormation), by user name. */
export type Definitions = ReadonlyMap<string, { readonly path: string; readonly line: number }>;

/** Where a principal's alert belongs: on the code that defines the user, else the anchor. */
export function anchorFor(
  anchor: AlertAnchor,
  definitions: Definitions,
  principal: Principal,
): AlertAnchor {
  const defined = principal.kind === 'user' ? definitions.get(principal.name) : undefined;
  return defined ? { uri: defined.path, line: defined.line, inRepository: true } : anchor;
}

export interface SarifInput {
  /** One per account; several make one run with every account's results. */
  readonly accounts: AccountAudits;
  readonly definitions: Definitions;
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  readonly anchor: AlertAnchor;
  readonly provenance: Provenance | null;
  /** The code-scanning category; null: one per account. */
  readonly category?: string | null;
  readonly tool: ToolInfo;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/**
 * The run's automationDetails.id: the category asked for, as a path ending in `/`; by
 * default one per account, and one for a fleet audited in one run.
 */
export function categoryId(
  category: string | null,
  snapshots: readonly Pick<AccountSnapshot, 'accountId'>[],
): string {
  if (category !== null) return category.endsWith('/') ? category : `${category}/`;
  const [sole, ...others] = snapshots;
  if (sole === undefined || others.length > 0) return 'iam-mfa-audit/fleet/';
  return `iam-mfa-audit/${sole.accountId ?? 'unknown-account'}/`;
}

/** The base that repository-relative URIs are resolved against (the checkout's root). */
const SOURCE_ROOT = 'SRCROOT';

/** A rule's help for code scanning's help pane, as text and as markdown (shown instead). */
function ruleHelp(rule: Rule, partition: string): Sarif.MultiformatMessageString {
  const remediation = remediationIn(rule, partition);
  const compliance = rule.compliance.map((c) => `| ${c.framework} | ${c.control} |`).join('\n');
  const markdown = [
    `## ${rule.shortDescription}`,
    '',
    rule.fullDescription,
    '',
    '### Why it matters',
    '',
    rule.whyItMatters,
    '',
    '### Remediation: AWS CLI',
    '',
    '```sh',
    remediation.cli,
    '```',
    '',
    '### Remediation: Terraform',
    '',
    '```hcl',
    remediation.terraform,
    '```',
    '',
    '### Compliance',
    '',
    '| Framework | Control |',
    '| --- | --- |',
    compliance,
  ].join('\n');
  const text = [
    rule.fullDescription,
    '',
    `Why it matters: ${rule.whyItMatters}`,
    '',
    'Remediation (AWS CLI):',
    remediation.cli,
    '',
    'Remediation (Terraform):',
    remediation.terraform,
    '',
    'Compliance: ' + rule.compliance.map((c) => `${c.framework} ${c.control}`).join('; '),
  ].join('\n');
  return { text, markdown };
}

/** A SARIF 2.1.0 log, complete for GitHub code scanning. */
export function renderSarif(input: SarifInput): Sarif.Log {
  const { accounts, findings, rules, anchor, provenance, tool } = input;
  // A fleet is audited within one partition (role-to-assume refuses to mix them).
  const partition = partitionOf(accounts);

  const results = findings.map((finding): Sarif.Result => {
    const ruleIndex = rules.findIndex((r) => r.id === finding.ruleId);
    const rule = rules[ruleIndex];
    if (!rule) throw new Error(`finding for a rule that is not evaluated: ${finding.ruleId}`);
    const { principal } = finding;
    const hash = fingerprint(finding);
    const at = anchorFor(anchor, input.definitions, principal);
    const base = provenance !== null && at.inRepository ? { uriBaseId: SOURCE_ROOT } : {};
    return {
      ruleId: rule.id,
      ruleIndex,
      level: LEVEL[finding.severity],
      message: { text: visible(findingMessage(finding)) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: at.uri, ...base },
            region: { startLine: at.line ?? principal.reportLine ?? 1 },
          },
          logicalLocations: [
            { name: principal.name, fullyQualifiedName: principal.arn, kind: 'resource' },
          ],
        },
      ],
      ...(finding.suppression === null
        ? {}
        : {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: visible(finding.suppression.reason),
                properties: {
                  ...(finding.suppression.owner === null
                    ? {}
                    : { owner: visible(finding.suppression.owner) }),
                  ...(finding.suppression.expires === null
                    ? {}
                    : { expires: finding.suppression.expires }),
                  entry: finding.suppression.where,
                },
              },
            ],
          }),
      ...(baselineState(finding) === null
        ? {}
        : { baselineState: baselineState(finding) ?? 'new' }),
      partialFingerprints: {
        [FINGERPRINT_KEY]: hash,
        primaryLocationLineHash: `${hash.slice(0, 16)}:1`,
      },
      properties: {
        severity: finding.severity,
        'security-severity': SECURITY_SEVERITY[finding.severity],
        ...(finding.accountId ? { accountId: finding.accountId } : {}),
        principalArn: principal.arn,
        status: finding.graceUntil === null ? 'open' : 'grace',
        fix: finding.fix.kind,
        ...(finding.fix.command === null ? {} : { fixCommand: finding.fix.command }),
        ...(finding.graceUntil === null ? {} : { graceUntil: finding.graceUntil }),
      },
    };
  });

  const notAssessed = notAssessedOf(accounts);
  const notifications = notAssessed.map((n): Sarif.Notification => ({
    level: 'error',
    message: { text: visible(`Not assessed: ${n.name} (${n.arn}): ${n.reason}`) },
    descriptor: { id: 'not-assessed' },
    locations: [
      { logicalLocations: [{ name: n.name, fullyQualifiedName: n.arn, kind: 'resource' }] },
    ],
    properties: { action: n.action },
  }));

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: tool.name,
        semanticVersion: tool.version,
        informationUri: tool.informationUri,
        rules: rules.map((rule): Sarif.ReportingDescriptor => ({
          id: rule.id,
          name: rule.name,
          shortDescription: { text: rule.shortDescription },
          fullDescription: { text: rule.fullDescription },
          help: ruleHelp(rule, partition),
          helpUri: tool.rulesUri,
          defaultConfiguration: { level: LEVEL[rule.severity] },
          properties: {
            tags: [...rule.tags],
            precision: 'very-high',
            'problem.severity':
              LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
            'security-severity': SECURITY_SEVERITY[rule.severity],
          },
        })),
      },
    },
    // One category per account, so audits of many accounts do not close each other's alerts.
    automationDetails: {
      id: categoryId(
        input.category ?? null,
        accounts.map((a) => a.snapshot),
      ),
    },
    ...(provenance === null
      ? {}
      : {
          versionControlProvenance: [
            {
              repositoryUri: provenance.repositoryUri,
              revisionId: provenance.revisionId,
              ...(provenance.branch === null ? {} : { branch: provenance.branch }),
              mappedTo: { uriBaseId: SOURCE_ROOT },
            },
          ],
        }),
    invocations: [
      {
        executionSuccessful: notAssessed.length === 0,
        startTimeUtc: input.startedAt.toISOString(),
        endTimeUtc: input.finishedAt.toISOString(),
        toolExecutionNotifications: notifications,
      },
    ],
    results,
    properties: {
      // One account: its facts on the run; a fleet: each account's in `accounts`.
      ...accountsProperties(accounts),
      partition,
      notApplicable: rulesNotApplicable(rules, partition).map(({ rule, reason }) => ({
        ruleId: rule.id,
        reason,
      })),
    },
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
}

/** One account's facts on the run; a fleet's, each account's in `accounts`. */
function accountsProperties(accounts: AccountAudits): Record<string, unknown> {
  const sole = soleAccount(accounts);
  if (sole !== null) return accountProperties(sole);
  return { accounts: accounts.map((a) => accountProperties(a.snapshot)) };
}

/** What the run says of an account: its id, where its data came from, and how fresh it is. */
function accountProperties(snapshot: AccountSnapshot): Record<string, string> {
  return {
    ...(snapshot.accountId ? { accountId: snapshot.accountId } : {}),
    source: snapshot.source.kind,
    // The window of IAM changes a cached report was brought up to date with.
    ...(snapshot.verification
      ? {
          changesSince: snapshot.verification.changesSince,
          changesUpTo: snapshot.verification.changesUntil,
          // Changes made after this may not have been delivered by CloudTrail yet.
          changesCertainUntil: snapshot.verification.changesCertainUntil,
        }
      : {}),
  };
}
