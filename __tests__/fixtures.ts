import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { accountAudits, type AccountAudits } from '../src/audit-result.js';
import type { AuditDeps } from '../src/audit.js';
import {
  SILENT_PROGRESS,
  type AccountSnapshot,
  type Finding,
  type Principal,
  type Severity,
  type Snapshots,
} from '../src/model.js';
import { parsePlan } from '../src/options.js';
import type { Rule } from '../src/rules/catalog.js';
import { runAudit } from '../src/run.js';
import { sarifSink } from '../src/sinks/sarif-file.js';
import type { Outcome } from '../src/sinks/sink.js';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const exampleReport = join(repoRoot, 'examples', 'credential-report.csv');

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

/** The 22 columns of an IAM credential report, in AWS's order. */
export const HEADER = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

export type Column = (typeof HEADER)[number];
export type Row = Readonly<Partial<Record<Column, string>>>;

/** A report row for a console user without MFA; override any column. */
export function aRow(overrides: Row = {}): Record<Column, string> {
  const user = overrides.user ?? 'bob';
  return {
    user,
    arn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
    user_creation_time: '2021-01-20T16:30:00+00:00',
    password_enabled: 'true',
    password_last_used: '2026-11-28T17:05:44+00:00',
    password_last_changed: '2025-12-12T12:00:00+00:00',
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    access_key_1_active: 'false',
    access_key_1_last_rotated: 'N/A',
    access_key_1_last_used_date: 'N/A',
    access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: 'N/A',
    access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A',
    access_key_2_last_used_service: 'N/A',
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...overrides,
  };
}

/** The root user's row as AWS writes it, without MFA. */
export function aRootRow(overrides: Row = {}): Record<Column, string> {
  return aRow({
    user: '<root_account>',
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    user_creation_time: '2019-03-04T09:15:00+00:00',
    password_enabled: 'not_supported',
    password_last_used: '2026-10-02T14:20:11+00:00',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    ...overrides,
  });
}

export interface CsvShape {
  /** The columns to write, in this order; AWS's 22 by default. */
  readonly columns?: readonly string[];
  readonly eol?: string;
  readonly bom?: boolean;
}

function csvValue(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A credential report CSV: header, then one line per row, each ending with `eol`. */
export function reportCsv(rows: readonly Row[], shape: CsvShape = {}): string {
  const columns = shape.columns ?? HEADER;
  const eol = shape.eol ?? '\n';
  const lines = [
    columns.join(','),
    ...rows.map((row) =>
      columns.map((c) => csvValue((row as Partial<Record<string, string>>)[c] ?? '')).join(','),
    ),
  ];
  return `${shape.bom === true ? '\ufeff' : ''}${lines.map((line) => line + eol).join('')}`;
}

export function aUser(overrides: Partial<Principal> = {}): Principal {
  const name = overrides.name ?? 'bob';
  return {
    kind: 'user',
    name,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    createdAt: '2021-01-20T16:30:00+00:00',
    consolePassword: true,
    passwordLastUsed: '2026-11-28T17:05:44+00:00',
    mfaActive: false,
    mfaDevices: null,
    accessKeysActive: false,
    reportLine: 3,
    ...overrides,
  };
}

export function aRoot(overrides: Partial<Principal> = {}): Principal {
  return aUser({
    kind: 'root',
    name: 'root',
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    createdAt: '2019-03-04T09:15:00+00:00',
    consolePassword: null,
    reportLine: 2,
    ...overrides,
  });
}

export function aSnapshot(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: ACCOUNT,
    partition: 'aws',
    source: {
      kind: 'report-file',
      path: 'reports/credential-report.csv',
      modifiedAt: new Date('2026-11-28T10:00:00Z'),
    },
    principals: [],
    notAssessed: [],
    verification: null,
    centralRootCredentials: null,
    notes: [],
    ...overrides,
  };
}

const RULE_OF: Record<Severity, string> = {
  critical: 'aws-iam-001',
  high: 'aws-iam-002',
  medium: 'test-medium',
  low: 'test-low',
};

export function aFinding(overrides: Partial<Finding> = {}): Finding {
  const severity = overrides.severity ?? 'high';
  const principal = overrides.principal ?? aUser();
  return {
    ruleId: RULE_OF[severity],
    severity,
    detail: `IAM user ${principal.name} in AWS account ${ACCOUNT} has a console password and no active MFA device.`,
    accountId: ACCOUNT,
    principal,
    graceUntil: null,
    suppression: null,
    history: null,
    fix: { kind: 'enroll-mfa', label: 'add MFA', text: 'assign an MFA device', command: null },
    ...overrides,
  };
}

/** A rule that is not in the catalog, for severities the catalog does not use. */
export function aRule(overrides: Partial<Rule> = {}): Rule {
  const severity = overrides.severity ?? 'medium';
  return {
    id: RULE_OF[severity],
    name: `Test${severity}Rule`,
    severity,
    shortDescription: `A ${severity} test rule`,
    fullDescription: `A rule of severity ${severity}, for tests.`,
    whyItMatters: 'Tests need every severity.',
    remediation: { cli: 'true', terraform: '# nothing' },
    compliance: [{ framework: 'Test', control: '1' }],
    tags: ['test'],
    judge: (p, account) => ({
      severity,
      detail: `${p.name} in ${account.accountId ?? 'unknown'} breaks a ${severity} rule.`,
    }),
    notApplicable: [],
    enabled: () => true,
    needs: { mfaDevices: false },
    fix: () => ({
      kind: 'enroll-mfa',
      label: 'add MFA',
      text: 'assign an MFA device',
      command: null,
    }),
    script: () => [],
    ...overrides,
  };
}

/** A fresh directory under the OS temp dir for each test, removed afterwards. */
export function useTempDir(): () => string {
  let dir: string | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-test-'));
  });
  afterEach(async () => {
    if (dir !== null) await rm(dir, { recursive: true, force: true });
    dir = null;
  });
  return () => {
    if (dir === null) throw new Error('the temp dir exists only inside a test');
    return dir;
  };
}

/**
 * What an audit of a report file needs from the world: a fixed clock, the workspace, and
 * nothing that reaches AWS or GitHub (a report file needs neither).
 */
export function offlineDeps(
  workspace: string = repoRoot,
  now: Date = new Date('2026-11-28T10:30:00Z'),
): AuditDeps {
  return {
    idTokenOffered: false,
    now: () => now,
    sleep: () => Promise.resolve(),
    log: () => undefined,
    progress: SILENT_PROGRESS,
    getIdToken: () => Promise.reject(new Error('a report-file audit asks for no OIDC token')),
    setSecret: () => undefined,
    readHistory: () => Promise.resolve({ kind: 'none' }),
    readAtBase: null,
    context: {
      workspace,
      workflow: { workflow: null, provenance: null, alertsUrl: null },
      codeScanning: null,
      pullRequestBase: null,
    },
  };
}

/** Runs an audit as the entries do: the inputs parsed into a plan, the SARIF file written. */
export async function auditInputs(
  inputs: Readonly<Record<string, string>>,
  deps: AuditDeps,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<Outcome> {
  const plan = parsePlan(
    (name) => inputs[name],
    (name) => `input ${name}`,
    env,
  );
  const sinks = [sarifSink(plan.outputs, plan.source)];
  const { outcome } = await runAudit(plan, deps, sinks, (message) => {
    throw new Error(`unexpected warning: ${message}`);
  });
  return outcome;
}

/** The accounts of a run as the audit makes them: each snapshot with its own findings. */
export function accountsOf(snapshots: Snapshots, findings: readonly Finding[]): AccountAudits {
  return accountAudits(
    snapshots,
    snapshots.map((s) => findings.filter((f) => f.accountId === s.accountId)),
    { failOn: 'high', maxFindings: 0, allowIncomplete: false },
  );
}
