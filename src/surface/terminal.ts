import { notAssessedOf, partitionOf, principalCount, soleAccount } from '../audit-result.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import type { OutputChoice } from '../options.js';
import {
  describeSource,
  describeVerification,
  lastSignInShort,
  severityCounts,
  severityText,
} from '../render/describe.js';
import { renderSummary } from '../render/summary.js';
import { rulesNotApplicable } from '../rules/catalog.js';
import { fixScript } from '../rules/fix-script.js';
import { sarifLogText } from '../sinks/sarif-file.js';
import type { Outcome, Sink } from '../sinks/sink.js';
import { inertJson, plural, visible } from '../text.js';
import { TOOL_NAME, VERSION } from '../version.js';

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
function renderTerminal(outcome: Outcome, color: boolean): string {
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
      lastSignInShort(f.principal, now),
      f.fix.label,
      f.principal.arn,
    ]);
    lines.push(
      ...table(
        ['SEVERITY', 'RULE', ...(fleet ? ['ACCOUNT'] : []), 'USER', 'LAST SIGN-IN', 'TO DO', 'ARN'],
        rows,
      ),
    );
  }
  lines.push(totals(outcome), '');
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

/** `5 open findings (1 critical, 4 high), 0 accepted, in 9 principals of 1 account.` */
function totals(outcome: Outcome): string {
  const open = outcome.findings.filter((f) => f.suppression === null);
  const bySeverity = severityCounts(open);
  const accepted = outcome.findings.length - open.length;
  const principals = principalCount(outcome.accounts);
  return `${plural(open.length, 'open finding')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}, ${accepted} accepted, in ${plural(principals, 'principal')} of ${plural(outcome.accounts.length, 'account')}.`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows].map((row) => row.map(visible));
  const widths = header.map((_, i) => all.reduce((w, row) => Math.max(w, row[i]?.length ?? 0), 0));
  return all.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

/** The JSON report's version: it changes only when a field is removed or changes meaning. */
const JSON_SCHEMA_VERSION = 1;

/** An ISO 8601 time, or null when the source gives none (`never`, `N/A`, unknown). */
function isoOrNull(time: string | null): string | null {
  if (time === null) return null;
  const at = Date.parse(time);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/**
 * The outcome for scripts, one shape for one account or many: the verdict, then each
 * account with its data source, what could not be read and its findings with every fix
 * command. Documented in docs/output.md.
 */
function renderJson(outcome: Outcome): string {
  const partition = partitionOf(outcome.accounts);
  const rule = (id: string) => outcome.rules.find((r) => r.id === id);
  return `${inertJson(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: VERSION },
      verdict: outcome.verdict,
      partition,
      accounts: outcome.accounts.map(({ snapshot: s, findings, verdict }) => ({
        accountId: s.accountId,
        partition: s.partition,
        source: s.source,
        verification: s.verification,
        principals: s.principals.length,
        verdict,
        notAssessed: s.notAssessed,
        findings: findings.map((f) => {
          const fixing = rule(f.ruleId);
          const script = fixing === undefined ? null : fixScript(fixing, f, partition);
          return {
            rule: f.ruleId,
            severity: f.severity,
            user: f.principal.name,
            arn: f.principal.arn,
            consolePassword: f.principal.consolePassword,
            passwordLastUsed: isoOrNull(f.principal.passwordLastUsed),
            passwordNeverUsed: f.principal.passwordLastUsed === 'never',
            createdAt: isoOrNull(f.principal.createdAt),
            graceUntil: f.graceUntil,
            accepted:
              f.suppression === null
                ? null
                : {
                    reason: f.suppression.reason,
                    owner: f.suppression.owner,
                    expires: f.suppression.expires,
                  },
            fix: {
              kind: f.fix.kind,
              label: f.fix.label,
              text: f.fix.text,
              // A name IAM would not accept gets its one command, shell-quoted.
              commands:
                script === null
                  ? [f.fix.command].filter((c) => c !== null)
                  : script.filter((line) => !line.startsWith('#')),
            },
          };
        }),
      })),
      sarifFile: outcome.sarifFile,
    },
    2,
  )}\n`;
}

/** Where the CLI's report goes: a file (written whole, after the audit) or standard output. */
export function reportSink(
  outputs: OutputChoice,
  color: boolean,
  write: (text: string) => void,
  checkFile: () => Promise<void>,
): Sink {
  const { format, reportFile } = outputs;
  return {
    name: 'report',
    required: true,
    prepare: () => (reportFile === null ? Promise.resolve() : checkFile()),
    emit: async (outcome) => {
      const text = {
        table: () => renderTerminal(outcome, reportFile === null && color),
        json: () => renderJson(outcome),
        sarif: () => outcome.sarifText ?? sarifLogText(outcome, outputs.sarifCategory),
        markdown: () => renderSummary(outcome),
      }[format]();
      if (reportFile === null) write(text);
      else await writeFileAtomic(reportFile, text);
      return undefined;
    },
  };
}
