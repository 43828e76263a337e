import { describe, expect, it } from 'vitest';
import { CLI_FLAGS, helpText, parseCommandLine } from '../src/cli/flags.js';
import { INPUTS, parsePlan } from '../src/options.js';

/** The plan a command line asks for. */
function planOf(argv: readonly string[]) {
  const command = parseCommandLine(argv);
  if (command.kind !== 'audit') throw new Error(`not an audit: ${command.kind}`);
  return parsePlan(command.read, (name) => `--${name}`, {}, 'cli');
}

describe('parseCommandLine', () => {
  it('knows help and version', () => {
    expect(parseCommandLine(['-h']).kind).toBe('help');
    expect(parseCommandLine(['--version']).kind).toBe('version');
  });

  it.each([
    [['--no-include-root'], false],
    [['--include-root'], true],
    [['--include-root', 'false'], false],
    [['--include-root=FALSE'], false],
    [['--include-root', '--max-findings', '2'], true],
  ])('reads the boolean %j', (argv, includeRoot) => {
    expect(planOf(argv).rules.includeRoot).toBe(includeRoot);
  });

  it('joins lists given with commas and repeated', () => {
    const plan = planOf([
      '--allowed-account-ids',
      '111122223333,444455556666',
      '--allowed-account-ids',
      '777788889999',
    ]);
    expect(plan.source.kind === 'live' && plan.source.session.allowedAccountIds).toEqual([
      '111122223333',
      '444455556666',
      '777788889999',
    ]);
  });

  it('writes no SARIF file unless asked, and takes - for standard output', () => {
    expect(planOf([]).outputs).toMatchObject({
      sarifFile: null,
      reportFile: null,
      format: 'table',
    });
    expect(planOf(['-o', '-', '--format', 'sarif']).outputs).toMatchObject({
      reportFile: null,
      format: 'sarif',
    });
    expect(planOf(['--sarif-file', '-', '-o', 'r.txt']).outputs).toMatchObject({
      sarifFile: '-',
      reportFile: 'r.txt',
    });
    expect(() => planOf(['--sarif-file', '/dev/stdout'])).toThrow(
      '--sarif-file /dev/stdout: the report goes to standard output too',
    );
  });

  it('takes no input of the action alone', () => {
    expect(() => parseCommandLine(['--accept-dismissed-alerts'])).toThrow(
      'unknown option --accept-dismissed-alerts; see --help for the options.',
    );
  });
});

describe('helpText', () => {
  it('has a flag for every input the CLI takes, and wraps to the width asked', () => {
    const cliInputs = INPUTS.filter((i) => i.actionOnly !== true).map((i) => i.name);
    expect(Object.keys(CLI_FLAGS).sort()).toEqual([...cliInputs].sort());
    for (const width of [60, 80, 100]) {
      const lines = helpText(width).split('\n');
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(width);
    }
    expect(
      helpText(20)
        .split('\n')
        .every((l) => l.length <= 60),
    ).toBe(true);
  });
});
