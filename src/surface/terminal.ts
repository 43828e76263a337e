import { notAssessedOf, partitionOf, soleAccount } from '../audit-result.js';
import {
  createdText,
  describeSource,
  describeVerification,
  passwordLastUsedText,
  severityText,
} from '../render/summary.js';
import { rulesNotApplicable } from '../rules/catalog.js';
import type { Outcome, Sink } from '../sinks/sink.js';
import { inertJson, visible } from '../text.js';

/**
 * Whether to colour a stream: never when NO_COLOR is set (no-color.org), always when
 * FORCE_COLOR is (other than 0), otherwise on a terminal that is not `dumb`.
 */
export function usesColor(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** SGR codes of the colours used: what fails in red, what needs a look in yellow. */
const STYLE_OF_LINE: readonly (readonly [RegExp, string])[] = [
  [/^critical\b/, '1;31'],
  [/^high\b/, '31'],
  [/^medium\b/, '33'],
  [/^low\b/, '36'],
  [/^SEVERITY\b/, '1'],
  [/^FAIL:/, '1;31'],
  [/^INCOMPLETE:/, '1;33'],
  [/^PASS:/, '1;32'],
  [/^(NOT ASSESSED|EXPIRED SUPPRESSION) /, '33'],
];

/** A line in the colour its start calls for; lines are already free of control characters. */
function paint(line: string): string {
  const style = STYLE_OF_LINE.find(([start]) => start.test(line))?.[1];
  return style === undefined ? line : `\u001b[${style}m${line}\u001b[0m`;
}

/** The CLI's report: a plain-text table of findings and the verdict, in colour if asked. */
export function renderTerminal(outcome: Outcome, color: boolean): string {
  const now = outcome.finishedAt;
  const { accounts, findings, verdict } = outcome;
  const fleet = soleAccount(accounts) === null;
  // A fleet's accounts each head a block; one account's lines need no indent.
  const indent = fleet ? '  ' : '';
  const lines: string[] = [];
  for (const { snapshot } of accounts) {
    lines.push(
      `Account: ${snapshot.accountId ?? 'unknown'} (${snapshot.partition}), ${snapshot.principals.length} principal(s)`,
      `${indent}Data: ${describeSource(snapshot.source, now)}`,
    );
    if (snapshot.verification) {
      lines.push(`${indent}Freshness: ${describeVerification(snapshot.verification)}`);
    }
    lines.push(...snapshot.notes.map((note) => `${indent}${note}`));
  }
  const partition = partitionOf(accounts);
  for (const { rule, reason } of rulesNotApplicable(outcome.rules, partition)) {
    lines.push(`Not applicable in ${partition}: ${rule.id} ${rule.name}. ${reason}`);
  }
  lines.push('');

  const open = findings.filter((f) => f.suppression === null);
  if (open.length > 0) {
    const rows = open.map((f) => [
      severityText(f),
      f.ruleId,
      ...(fleet ? [f.accountId ?? ''] : []),
      f.principal.name,
      passwordLastUsedText(f.principal, now),
      createdText(f.principal, now),
      f.principal.arn,
    ]);
    lines.push(
      ...table(
        [
          'SEVERITY',
          'RULE',
          ...(fleet ? ['ACCOUNT'] : []),
          'USER',
          'PASSWORD LAST USED',
          'CREATED',
          'ARN',
        ],
        rows,
      ),
      '',
    );
  }
  for (const f of findings) {
    if (f.suppression === null) continue;
    const until = f.suppression.expires === null ? 'no end' : `until ${f.suppression.expires}`;
    lines.push(`ACCEPTED ${f.principal.name} (${f.ruleId}), ${until}: ${f.suppression.reason}`);
  }
  for (const s of outcome.suppressions.expired) {
    lines.push(`EXPIRED SUPPRESSION ${s.where} (${s.rule}, ${s.principal}) on ${s.expires ?? ''}`);
  }
  const notAssessed = notAssessedOf(accounts);
  for (const n of notAssessed) {
    lines.push(`NOT ASSESSED ${n.name} (${n.arn}): ${n.reason}`);
  }
  if (notAssessed.length > 0) lines.push('');

  lines.push(`${verdict.result.toUpperCase()}: ${verdict.why}`);
  if (outcome.sarifFile !== null) lines.push(`SARIF: ${outcome.sarifFile}`);
  // Nothing from a name or path may drive the terminal: control characters print escaped,
  // and only then is colour added.
  const shown = lines.map(visible);
  return `${(color ? shown.map(paint) : shown).join('\n')}\n`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows].map((row) => row.map(visible));
  const widths = header.map((_, i) => all.reduce((w, row) => Math.max(w, row[i]?.length ?? 0), 0));
  return all.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

/** The outcome for scripts: verdict, data source and findings as JSON, one document. */
export function renderJson(outcome: Outcome): string {
  const { verdict } = outcome;
  const sole = soleAccount(outcome.accounts);
  const accounts = outcome.accounts.map(({ snapshot: s }) => ({
    account: s.accountId,
    partition: s.partition,
    source: s.source,
    verification: s.verification,
  }));
  return `${inertJson(
    {
      // One account's facts at the top; a fleet's, one per account.
      ...(sole === null ? { partition: partitionOf(outcome.accounts), accounts } : accounts[0]),
      verdict,
      findings: outcome.findings.map((f) => ({
        rule: f.ruleId,
        severity: f.severity,
        user: f.principal.name,
        arn: f.principal.arn,
        passwordLastUsed: f.principal.passwordLastUsed,
        createdAt: f.principal.createdAt,
        graceUntil: f.graceUntil,
        accepted:
          f.suppression === null
            ? null
            : { reason: f.suppression.reason, expires: f.suppression.expires },
        fix: f.fix,
      })),
      notAssessed: notAssessedOf(outcome.accounts),
      sarifFile: outcome.sarifFile,
    },
    2,
  )}\n`;
}

/** The CLI's report on standard output: the table, or JSON for scripts. */
export function terminalSink(
  format: 'table' | 'json',
  color: boolean,
  write: (text: string) => void,
): Sink {
  return {
    name: format === 'json' ? 'JSON report' : 'report',
    required: true,
    emit: (outcome) => {
      write(format === 'json' ? renderJson(outcome) : renderTerminal(outcome, color));
      return Promise.resolve(undefined);
    },
  };
}
