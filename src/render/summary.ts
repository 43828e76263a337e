import {
  changes,
  notAssessedOf,
  type AuditResult,
  partitionOf,
  principalCount,
  soleAccount,
  type AccountAudit,
  type AccountAudits,
  type SuppressionsUsed,
} from '../audit-result.js';
import type { UploadOutcome } from '../github/upload.js';
import type { FixedAlert, History } from '../policy/history.js';
import type { PlanCause } from '../policy/terraform.js';
import {
  type Finding,
  type NotAssessed,
  type SnapshotSource,
  type Suppression,
  type Verdict,
} from '../model.js';
import { rulesNotApplicable, type Rule } from '../rules/catalog.js';
import { fixScript } from '../rules/fix-script.js';
import { daysAgo, plural } from '../text.js';
import {
  ageMinutes,
  createdText,
  describeSource,
  describeVerification,
  lastSignInShort,
  passwordLastUsedText,
  severityCounts,
} from './describe.js';
import { code, codeBlock, prose } from './markdown.js';

/** GitHub accepts 1 MiB of summary per step; the summary stops well before. */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Rows of an account's findings table: the alerts and the SARIF hold every finding. */
export const SUMMARY_ROWS_PER_ACCOUNT = 50;
/** Users whose ARNs, dates and commands a rule's block lists, at most. */
const DETAILS_MAX_USERS = 50;
/** Accounts listed in a fleet's table, at most: the SARIF run lists every one. */
const ACCOUNTS_MAX_ROWS = 500;
/** Rows of the not-assessed and accepted tables, at most. */
const LIST_MAX_ROWS = 100;
/** Code scanning refuses a run with more results than this. */
const CODE_SCANNING_MAX_RESULTS = 25_000;

export interface SummaryInput {
  readonly accounts: AccountAudits;
  /** With terraform-plan: the plan files, and the change behind each principal it touches. */
  readonly terraform?: AuditResult['terraform'];
  /** What earlier runs knew, and the alerts this run fixed; absent: none was asked for. */
  readonly history?: History;
  readonly fixed?: readonly FixedAlert[];
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  readonly verdict: Verdict;
  /** The SARIF file written; null when none was. */
  readonly sarifFile: string | null;
  /** When the audit ended: the data's age is told relative to it. */
  readonly finishedAt: Date;
  /** The suppressions file and its entries that accepted nothing. */
  readonly suppressions?: SuppressionsUsed;
  /** In a workflow, the repository's code-scanning alerts of this tool. */
  readonly alertsUrl?: string | null;
  /** With upload-sarif: what became of the upload. */
  readonly upload?: UploadOutcome | null;
}

const ICON = { pass: '✅', incomplete: '⚠️', fail: '❌' } as const;

/**
 * The job summary as Markdown, made to be read in GitHub's page: the verdict first, then per
 * account a table of four short columns, the ARNs, dates and commands folded per rule.
 * Bounded in size whatever the number of findings.
 */
export function renderSummary(input: SummaryInput): string {
  const { accounts, findings, verdict, finishedAt } = input;
  const open = findings.filter((f) => f.suppression === null);
  const accepted = findings.length - open.length;
  const unassessed = notAssessedOf(accounts);
  const heading = `## ${ICON[verdict.result]} IAM MFA audit: ${verdict.result}`;
  if (findings.length === 0 && unassessed.length === 0 && quiet(input)) {
    return `${[heading, `${prose(verdict.why)} ${audited(accounts, finishedAt)}`].join('\n\n')}\n`;
  }
  const partition = partitionOf(accounts);
  const head = [
    heading,
    '',
    prose(verdict.why),
    '',
    ...uploadLines(input.upload ?? null),
    `- **Open findings:** ${countsBySeverity(open)}${accepted > 0 ? ` · **accepted:** ${accepted} (not counted)` : ''}${unassessed.length > 0 ? ` · **not assessed:** ${unassessed.length}` : ''}`,
    ...historyLines(input),
    `- **Audited:** ${audited(accounts, finishedAt)}`,
    `- **Rules:** ${input.rules.map((r) => `${r.id} (${r.severity})`).join(', ')}`,
    ...rulesNotApplicable(input.rules, partition).map(
      ({ rule, reason }) => `- **${rule.id} does not apply in ${partition}:** ${prose(reason)}`,
    ),
    ...(input.alertsUrl
      ? [`- **Alerts:** [this tool's code-scanning alerts](${input.alertsUrl})`]
      : []),
    ...accounts.flatMap(({ snapshot }) =>
      snapshot.notes.map(
        (note) =>
          `- ${soleAccount(accounts) === null ? `${code(snapshot.accountId ?? '')}: ` : ''}${prose(note)}`,
      ),
    ),
    ...(findings.length > CODE_SCANNING_MAX_RESULTS
      ? [
          `- ⚠️ **${findings.length.toLocaleString('en-US')} results:** code scanning refuses a run of more than ${CODE_SCANNING_MAX_RESULTS.toLocaleString('en-US')}, so this SARIF cannot be uploaded; audit fewer accounts per run (a matrix of jobs, one account each).`,
        ]
      : []),
  ];
  const sections = [
    ...(soleAccount(accounts) === null ? accountsTable(accounts) : []),
    // What this run changed comes first: the plan's effects, and what was fixed.
    ...planSection(input),
    ...(input.terraform ? [] : fixedSection(input.fixed ?? [])),
    ...accounts.flatMap((account) => accountSection(account, input)),
    ...input.rules.flatMap((rule) =>
      ruleDetails(
        rule,
        open.filter((f) => f.ruleId === rule.id),
        partition,
        finishedAt,
      ),
    ),
    ...notAssessedSection(unassessed),
    ...(input.suppressions ? acceptedSection(findings, input.suppressions) : []),
    ...dataSources(accounts, finishedAt),
  ];
  return withinBudget([...head, ...sections]);
}

/** Whether a run says nothing beyond its verdict: no note, no suppression to look at. */
function quiet(input: SummaryInput): boolean {
  const s = input.suppressions;
  const suppressionNews =
    s !== undefined && s.expired.length + s.neverExpires.length + s.stale.length > 0;
  return (
    !suppressionNews &&
    (input.history?.kind ?? 'none') !== 'unreadable' &&
    input.suppressions?.pullRequest === undefined &&
    (input.fixed ?? []).length === 0 &&
    (input.upload ?? null) === null &&
    input.accounts.every((a) => a.snapshot.notes.length === 0) &&
    rulesNotApplicable(input.rules, partitionOf(input.accounts)).length === 0
  );
}

/** `1 critical · 4 high`, or `none`. */
function countsBySeverity(findings: readonly Finding[]): string {
  const counts = severityCounts(findings);
  return counts.length === 0 ? 'none' : counts.join(' · ');
}

/** What was audited: principals, account or accounts, and where the data came from. */
function audited(accounts: AccountAudits, now: Date): string {
  const principals = plural(principalCount(accounts), 'principal');
  const sole = soleAccount(accounts);
  if (sole === null) {
    const notAudited = accounts.filter((a) => a.snapshot.source.kind === 'not-audited').length;
    const of = `${accounts.length - notAudited} accounts${notAudited > 0 ? ` (${notAudited} more not audited)` : ''}`;
    return `${principals} of ${of}, partition ${partitionOf(accounts)}.`;
  }
  const account =
    sole.accountId === null ? 'an unknown account' : `account ${code(sole.accountId)}`;
  return `${principals} of ${account} (${sole.partition}), ${sourcePhrase(sole.source, now)}.`;
}

/** Where one account's data came from, in a few words; the folded block tells it in full. */
function sourcePhrase(source: SnapshotSource, now: Date): string {
  switch (source.kind) {
    case 'report-file':
      return `from the credential report file ${code(source.path)}`;
    case 'live-report':
      return `from a credential report ${ageMinutes(source.generatedAt, now)} minutes old${source.generatedByThisRun ? '' : ', brought up to date with CloudTrail'}`;
    case 'live-enumeration':
      return 'read user by user';
    case 'not-audited':
      return 'not audited';
  }
}

/** What became of the upload, when it did not simply land: above everything else. */
function uploadLines(upload: UploadOutcome | null): string[] {
  if (upload === null || upload.kind === 'uploaded') return [];
  const lead =
    upload.kind === 'failed'
      ? '⛔ **The upload to code scanning failed:**'
      : '⚠️ **The upload was not processed in time:**';
  const after =
    upload.kind === 'failed'
      ? 'the findings below stand, and the step fails.'
      : 'the findings below stand.';
  return [`${lead} ${prose(upload.reason)} The audit finished: ${after}`, ''];
}

/** A fleet's accounts, one short row each. */
function accountsTable(accounts: AccountAudits): string[] {
  const rest = accounts.length - ACCOUNTS_MAX_ROWS;
  return [
    '',
    '### Accounts',
    '',
    '| Account | Principals | Open findings | Not assessed |',
    '| --- | ---: | ---: | ---: |',
    ...accounts.slice(0, ACCOUNTS_MAX_ROWS).map(({ snapshot: s, findings }) => {
      const open = findings.filter((f) => f.suppression === null).length;
      const principals =
        s.source.kind === 'not-audited' ? 'not audited' : String(s.principals.length);
      return `| ${code(s.accountId ?? '', 'cell')} | ${principals} | ${open} | ${s.notAssessed.length} |`;
    }),
    ...(rest > 0 ? ['', `${rest} more accounts: see the SARIF run's properties.`] : []),
  ];
}

/** An account's open findings: user, severity, last sign-in and what to do. */
function accountSection(account: AccountAudit, input: SummaryInput): string[] {
  // New and reopened findings first: what this run brings is what a reader looks for.
  const open = account.findings
    .filter((f) => f.suppression === null)
    .sort((a, b) => rank(a) - rank(b));
  if (open.length === 0) return [];
  const title =
    soleAccount(input.accounts) === null
      ? `### Account ${code(account.snapshot.accountId ?? '')}: ${plural(open.length, 'open finding')}`
      : `### ${plural(open.length, 'open finding')}`;
  const shown = open.slice(0, SUMMARY_ROWS_PER_ACCOUNT);
  const more = open.length - shown.length;
  const where = input.sarifFile === null ? 'the SARIF' : `the SARIF file ${code(input.sarifFile)}`;
  return [
    '',
    title,
    '',
    '| User | Severity | Last sign-in | To do |',
    '| --- | --- | --- | --- |',
    ...shown.map((f) => {
      const severity = [
        f.graceUntil === null ? f.severity : `${f.severity} (grace)`,
        ...(f.history === null ? [] : [historyText(f, input.finishedAt)]),
      ].join(', ');
      return `| ${code(f.principal.name, 'cell')} | ${severity} | ${lastSignInShort(f.principal, input.finishedAt)} | ${prose(f.fix.label)} |`;
    }),
    ...(more > 0 ? ['', `${more} more: see the alerts or ${where}.`] : []),
  ];
}

/** Findings new or reopened since the last run come first; the order is kept otherwise. */
function rank(finding: Finding): number {
  return finding.history === null || finding.history.state !== 'open' ? 0 : 1;
}

/** `new`, `reopened`, or `open 12 d` (the alert's age). */
function historyText(finding: Finding, now: Date): string {
  const history = finding.history;
  if (history === null || history.state !== 'open') return history?.state ?? '';
  const days = history.alert?.openedAt ? daysAgo(history.alert.openedAt, now) : null;
  return days === null ? 'open before' : `open ${Math.max(0, days)} d`;
}

/** What changed since the last run, or why that is not known: one line. */
function historyLines(input: SummaryInput): string[] {
  const history = input.history;
  if (history === undefined || history.kind === 'none') return [];
  if (history.kind === 'unreadable') {
    return [
      `- **Since the last run:** not known (${prose(history.reason)}); every finding is shown as it is now.`,
    ];
  }
  const c = changes({ findings: input.findings, fixed: input.fixed ?? [] });
  const fresh = c.newOrReopened - c.reopened;
  return [
    `- **Since the last run** (${prose(history.source)}): ${fresh} new, ${c.reopened} reopened, ${c.stillOpen} still open, ${c.fixed} fixed`,
  ];
}

/**
 * What the Terraform plan does to console access: each finding it causes and each it clears,
 * with the plan file and the resource address.
 */
function planSection(input: SummaryInput): string[] {
  const terraform = input.terraform;
  if (terraform === undefined || terraform === null) return [];
  const causeOf = (name: string) => terraform.causes.get(name);
  const where = (c: PlanCause): string => `(${code(c.file)}, ${code(c.address)})`;
  const caused = input.findings.flatMap((f) => {
    const c = causeOf(f.principal.name);
    if (f.history?.state !== 'new' || c === undefined) return [];
    return [
      `- ➕ this pull request ${prose(c.what)} ${code(f.principal.name)}: ${prose(f.detail)} ${where(c)}`,
    ];
  });
  const cleared = (input.fixed ?? []).flatMap((f) => {
    const name = f.principal?.split('/').pop() ?? '';
    const c = name === '' ? undefined : causeOf(name);
    if (c === undefined) return [];
    return [`- ✔️ this pull request ${prose(c.what)} ${code(name)}: fixes 1 finding ${where(c)}`];
  });
  if (caused.length + cleared.length === 0) {
    return [
      '',
      `### The Terraform plan`,
      '',
      'It changes no console access or MFA of the account.',
    ];
  }
  return [
    '',
    `### The Terraform plan: ${plural(caused.length, 'finding')} caused, ${cleared.length} cleared`,
    '',
    ...caused.slice(0, LIST_MAX_ROWS),
    ...cleared.slice(0, LIST_MAX_ROWS),
  ];
}

/** The alerts open before whose findings are gone. */
function fixedSection(fixed: readonly FixedAlert[]): string[] {
  if (fixed.length === 0) return [];
  return [
    '',
    `### Fixed since the last run: ${fixed.length}`,
    '',
    ...fixed.slice(0, LIST_MAX_ROWS).map((f) => {
      const alert = f.number === null ? '' : ` (${link(`alert #${f.number}`, f.url)})`;
      return `- ${f.principal === null ? `finding ${code(f.fingerprint.slice(0, 12))}` : code(f.principal)}${alert}`;
    }),
    ...(fixed.length > LIST_MAX_ROWS ? ['', `${fixed.length - LIST_MAX_ROWS} more.`] : []),
  ];
}

/** A link to a GitHub page, or the text alone when the address is not a plain https one. */
function link(text: string, url: string | null): string {
  return url !== null && /^https?:\/\/[^\s()<>[\]]+$/.test(url) ? `[${text}](${url})` : text;
}

/**
 * A rule's findings in full, folded: each user's ARN, dates and fix, and the commands filled
 * in for their names, account and partition, ready to review and paste. Never cut: a user
 * past the limit is left out whole, and the block says how many.
 */
function ruleDetails(
  rule: Rule,
  findings: readonly Finding[],
  partition: string,
  now: Date,
): string[] {
  if (findings.length === 0) return [];
  const shown = findings.slice(0, DETAILS_MAX_USERS);
  const lines = shown.flatMap((f) => {
    const p = f.principal;
    const facts = [
      `# ${p.name}  ${p.arn}`,
      `#   created ${createdText(p, now)}; password last used ${passwordLastUsedText(p, now)}${f.graceUntil === null ? '' : `; grace period until ${f.graceUntil}`}`,
    ];
    const script = fixScript(rule, f, partition);
    return [
      ...facts,
      ...(script ?? [`# ${f.fix.text}`, '# (no command: IAM would not accept this name)']),
      '',
    ];
  });
  if (findings.length > shown.length) {
    lines.push(`# ${findings.length - shown.length} more: see the alerts or the SARIF`);
  }
  return [
    '',
    '<details>',
    `<summary>${rule.id} ${rule.name}: ${plural(findings.length, 'user')}, with ARNs, dates and the commands that fix them</summary>`,
    '',
    ...codeBlock('sh', lines),
    '',
    '</details>',
  ];
}

/** The principals (or accounts) that could not be read. */
function notAssessedSection(notAssessed: readonly NotAssessed[]): string[] {
  if (notAssessed.length === 0) return [];
  const rest = notAssessed.length - LIST_MAX_ROWS;
  return [
    '',
    `### ⚠️ Not assessed: ${notAssessed.length}`,
    '',
    'These could not be read, so the audit is incomplete.',
    '',
    '| Principal | IAM action | Why |',
    '| --- | --- | --- |',
    ...notAssessed
      .slice(0, LIST_MAX_ROWS)
      .map(
        (n) =>
          `| ${code(n.subject === 'account' ? (n.arn.split(':')[4] ?? n.arn) : n.name, 'cell')}${n.subject === 'account' ? ' (account)' : ''} | ${code(n.action, 'cell')} | ${prose(n.reason)} |`,
      ),
    ...(rest > 0 ? ['', `${rest} more: see the SARIF file's notifications.`] : []),
  ];
}

/** Accepted findings, and the suppressions that expired, never expire or accepted nothing. */
function acceptedSection(findings: readonly Finding[], suppressions: SuppressionsUsed): string[] {
  const lines: string[] = [...pullRequestSection(suppressions)];
  const pr = suppressions.pullRequest;
  const added = new Set(pr?.kind === 'compared' ? pr.added : []);
  const accepted = findings.filter((f) => f.suppression !== null);
  const from = suppressions.file === null ? '' : ` by ${code(suppressions.file)}`;
  if (accepted.length > 0) {
    lines.push(
      '',
      `### Accepted: ${accepted.length}`,
      '',
      `Accepted${from}: in the SARIF as suppressed, not counted against the threshold.`,
      '',
      '| User | Rule | Reason | Expires |',
      '| --- | --- | --- | --- |',
      ...accepted.slice(0, LIST_MAX_ROWS).map((f) => {
        const s = f.suppression;
        const owner = s?.owner ? ` (${prose(s.owner)})` : '';
        const alert = f.history?.alert;
        const dismissed =
          alert != null && s?.where.startsWith('code-scanning alert')
            ? ` ${link(`alert #${alert.number}`, alert.url)}`
            : '';
        const granted = s !== null && added.has(s) ? ' **(added by this pull request)**' : '';
        return `| ${code(f.principal.name, 'cell')} | ${f.ruleId} | ${prose(s?.reason ?? '')}${owner}${dismissed}${granted} | ${s?.expires ?? 'never'} |`;
      }),
    );
  }
  const list = (
    title: string,
    entries: readonly Suppression[],
    what: (s: Suppression) => string,
  ) =>
    entries.length === 0
      ? []
      : [
          '',
          `### ${title}: ${entries.length}`,
          '',
          ...entries
            .slice(0, LIST_MAX_ROWS)
            .map(
              (s) =>
                `- ${prose(s.where)}: rule ${prose(s.rule)}, principal ${code(s.principal)}: ${what(s)}`,
            ),
        ];
  lines.push(
    ...list(
      '⚠️ Expired suppressions',
      suppressions.expired,
      (s) => `expired on ${s.expires ?? ''}, so it accepts nothing; renew it or remove it`,
    ),
    ...list(
      '⚠️ Suppressions that never expire',
      suppressions.neverExpires,
      () => 'no expires date; give it a last day',
    ),
    ...list(
      'Stale suppressions',
      suppressions.stale,
      () => 'matched no finding; remove it if it is no longer needed',
    ),
  );
  return lines;
}

/**
 * On a pull request, the entries of the suppressions file it adds or widens: the exceptions
 * a reviewer is asked to grant.
 */
function pullRequestSection(suppressions: SuppressionsUsed): string[] {
  const pr = suppressions.pullRequest;
  if (pr === undefined) return [];
  if (pr.kind === 'unreadable') {
    return [
      '',
      `⚠️ The suppressions file could not be compared with the pull request's base (${prose(pr.reason)}): review every entry.`,
    ];
  }
  if (pr.added.length === 0) return [];
  return [
    '',
    `### ⚠️ Suppressions this pull request adds or widens: ${pr.added.length}`,
    '',
    '| Entry | Rule | Principal | Reason | Expires |',
    '| --- | --- | --- | --- | --- |',
    ...pr.added
      .slice(0, LIST_MAX_ROWS)
      .map(
        (s) =>
          `| ${prose(s.where)} | ${prose(s.rule)} | ${code(s.principal, 'cell')} | ${prose(s.reason)} | ${s.expires ?? 'never'} |`,
      ),
  ];
}

/** Where each account's data came from and how fresh it is, folded. */
function dataSources(accounts: AccountAudits, now: Date): string[] {
  const shown = accounts.slice(0, ACCOUNTS_MAX_ROWS);
  return [
    '',
    '<details>',
    '<summary>Where the data came from</summary>',
    '',
    ...shown.flatMap(({ snapshot: s }) => [
      `- ${s.accountId === null ? 'The report' : code(s.accountId)}: ${prose(describeSource(s.source, now))}${s.verification ? `. ${prose(describeVerification(s.verification))}` : ''}.`,
    ]),
    '',
    '</details>',
  ];
}

/** The lines, stopped before GitHub's limit, with a last line saying so when they are. */
function withinBudget(lines: readonly string[]): string {
  let bytes = 0;
  const kept: string[] = [];
  for (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > SUMMARY_BUDGET_BYTES) {
      kept.push('', 'The summary stops here (GitHub takes 1 MiB): the SARIF holds every finding.');
      break;
    }
    kept.push(line);
  }
  return `${kept.join('\n')}\n`;
}

/** The job summary of a run that stopped before its verdict: why, and what to do. */
export function renderErrorSummary(
  reason: string,
  advice: string,
  removedSarif: string | null,
): string {
  const sarif =
    removedSarif === null
      ? 'No SARIF file was written.'
      : `No SARIF file was written, and the one an earlier run left at ${code(removedSarif)} was removed, so an upload step cannot publish stale results.`;
  return [
    '## ⛔ IAM MFA audit: error',
    '',
    `The audit did not finish: ${prose(reason)}`,
    '',
    // The advice is this tool's own text, Markdown included; only the reason comes from outside.
    `**What to do:** ${advice}`,
    '',
    sarif,
    '',
  ].join('\n');
}

/** The job summary of a discovery: the accounts a matrix of audits is to cover. */
export function renderDiscoverySummary(accounts: readonly string[]): string {
  return [
    `## 🔎 IAM MFA audit: ${plural(accounts.length, 'account')} to audit`,
    '',
    'The ACTIVE accounts of the organization (discover-only: none was audited in this step):',
    '',
    ...accounts.map((id) => `- ${code(id)}`),
    '',
  ].join('\n');
}
