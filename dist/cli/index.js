#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_flags_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5377);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _io_sarif_file_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1868);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8381);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1013);
/**
 * The CLI's entry. It reads the command line with nothing else loaded, so --help and
 * --version answer at once; the audit (and the AWS SDK) is loaded only for an audit.
 */





async function main(argv) {
    let command = null;
    try {
        command = (0,_cli_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCommandLine */ .Du)(argv);
        if (command.kind === 'version') {
            process.stdout.write(`iam-mfa-audit ${_version_js__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .xv}\n`);
            return _cli_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.pass;
        }
        if (command.kind === 'help') {
            // A pipe has no width: COLUMNS, else 80.
            const columns = process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS);
            process.stdout.write((0,_cli_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .helpText */ .BK)(columns || 80));
            return _cli_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.pass;
        }
        const { runCli } = await Promise.all(/* import() */[__nccwpck_require__.e(679), __nccwpck_require__.e(103)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5103));
        return await runCli(command.read);
    }
    catch (error) {
        const { reason, internal } = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .failureOf */ .g5)(error);
        console.error(`iam-mfa-audit: ${reason}`);
        // The runner's debug switch also shows the stack of a bug.
        if (internal && error instanceof Error && process.env.RUNNER_DEBUG === '1') {
            console.error(error.stack);
        }
        // An earlier run's SARIF must not pass for this run's results.
        const sarifFile = command?.kind === 'audit' ? (0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .sarifFileOf */ .Xr)(command.read, 'cli') : null;
        if (sarifFile !== null && !(0,_options_js__WEBPACK_IMPORTED_MODULE_3__/* .isStandardOutput */ .HT)(sarifFile)) {
            await (0,_io_sarif_file_js__WEBPACK_IMPORTED_MODULE_2__/* .removeStaleSarif */ .PE)(sarifFile).catch(() => false);
        }
        return _cli_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .dc.error;
    }
}
// A reader that goes away (`| head`) ends the output, not the audit, and prints no stack.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
        if (error.code !== 'EPIPE')
            throw error;
    });
}
process.exitCode = await main(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5377:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   Du: () => (/* binding */ parseCommandLine),
/* harmony export */   dc: () => (/* binding */ EXIT)
/* harmony export */ });
/* unused harmony export CLI_FLAGS */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8381);
/**
 * The CLI's flags: the action's inputs as flags of the same names, with the habits of the
 * scanners people already use (trivy, checkov, prowler): `--no-NAME` for a boolean, lists
 * comma-separated or repeated, `-o FILE`, help grouped and wrapped to the terminal.
 */



/** The inputs the CLI takes as flags: all but the action's own. */
const CLI_INPUTS = _options_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUTS */ .mc.filter((input) => input.actionOnly !== true);
/** Exit codes: the verdict decides 0 (pass, or incomplete when allowed) or 1; anything that stops the audit is 2. */
const EXIT = { pass: 0, fail: 1, error: 2 };
/** Every input of the CLI as a flag; --help lists them in this order within their group. */
const CLI_FLAGS = {
    'credential-report': {
        group: 'source',
        value: 'FILE',
        help: 'Audit this IAM credential report CSV instead of the live account; no AWS call is made.',
    },
    profile: {
        group: 'source',
        value: 'NAME',
        help: 'Use this profile of the shared AWS config and credentials files.',
    },
    'role-to-assume': {
        group: 'source',
        value: 'ARN',
        list: true,
        help: "Assume this role with GitHub's OIDC token (in a workflow); several roles audit several accounts.",
    },
    accounts: {
        group: 'source',
        value: 'ID',
        list: true,
        help: 'Audit these account ids, each through --role-name in it.',
    },
    'role-name': {
        group: 'source',
        value: 'NAME',
        help: 'The role (with its path) to assume in each account of --accounts or of the organization.',
    },
    'organization-role': {
        group: 'source',
        value: 'ARN',
        help: 'A role that may call organizations:ListAccounts: audit every ACTIVE account of its organization.',
    },
    'account-filter': {
        group: 'source',
        value: 'ID',
        list: true,
        help: 'With --organization-role: only these account ids, or the accounts under these ou-… or r-… ids.',
    },
    'discover-only': {
        group: 'source',
        help: "With --organization-role: print the organization's account ids as JSON and audit none.",
    },
    'fail-on': {
        group: 'policy',
        value: 'SEVERITY',
        help: 'Lowest severity that counts against --max-findings: critical, high, medium, low or none.',
    },
    'max-findings': {
        group: 'policy',
        value: 'N',
        help: 'How many counted findings are tolerated before the audit fails.',
    },
    'include-root': {
        group: 'policy',
        help: 'Check that the root user has MFA (rule aws-iam-001); --no-include-root skips it.',
    },
    'require-phishing-resistant-mfa': {
        group: 'policy',
        help: 'Also report console users and root whose MFA gives one-time codes (live audit only).',
    },
    'terraform-plan': {
        group: 'source',
        value: 'FILE',
        list: true,
        help: 'terraform show -json output: audit the account as it would be after the plan.',
    },
    'fail-on-scope': {
        group: 'policy',
        value: 'SCOPE',
        help: 'all, or new: only findings new since --baseline count against --max-findings.',
    },
    baseline: {
        group: 'policy',
        value: 'FILE',
        help: 'An earlier SARIF log of this tool: each finding is new or still open against it, and the ones gone are fixed.',
    },
    'suppressions-file': {
        group: 'policy',
        value: 'FILE',
        help: "YAML file of accepted findings, each with a reason and an expiry; default .github/iam-mfa-audit.yml if it exists. A file in cloud-audit's .cloud-audit.yml format is read when named here; it is never looked for.",
    },
    'grace-period-hours': {
        group: 'policy',
        value: 'HOURS',
        help: 'Hours a new user has to enroll MFA before its finding counts at full severity; 0 is none.',
    },
    'allow-incomplete': {
        group: 'policy',
        help: 'Let principals that could not be assessed pass as incomplete (exit 0) instead of failing.',
    },
    format: {
        group: 'output',
        value: 'FORMAT',
        help: 'table, json (for scripts), sarif (the SARIF log) or markdown (the job summary the action writes).',
    },
    output: {
        group: 'output',
        value: 'FILE',
        help: 'Write the outcome to FILE instead of standard output.',
    },
    'sarif-file': {
        group: 'output',
        value: 'FILE',
        help: 'Also write the SARIF log to FILE (a new file, or a SARIF log of this tool); - is standard output.',
    },
    'sarif-category': {
        group: 'output',
        value: 'CATEGORY',
        help: 'Code-scanning category of the SARIF run; default iam-mfa-audit/ACCOUNT_ID/.',
    },
    'upload-sarif': {
        group: 'output',
        help: 'Upload the SARIF to code scanning (needs GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF and --github-token).',
    },
    'github-token': {
        group: 'output',
        value: 'TOKEN',
        help: 'A token with security-events: write, for --upload-sarif.',
    },
    'iac-paths': {
        group: 'output',
        value: 'DIR',
        list: true,
        help: 'Folders searched for the Terraform or CloudFormation that defines each user.',
    },
    'aws-region': {
        group: 'aws',
        value: 'REGION',
        help: 'Region of the STS and IAM endpoints; default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1.',
    },
    'allowed-account-ids': {
        group: 'aws',
        value: 'ID',
        list: true,
        help: 'Stop before auditing when the credentials belong to any other account.',
    },
    'max-attempts': { group: 'aws', value: 'N', help: 'Attempts per AWS call, retries included.' },
    'report-timeout-seconds': {
        group: 'aws',
        value: 'SECONDS',
        help: 'How long to wait for the credential report before reading user by user.',
    },
    'max-parallel-accounts': {
        group: 'aws',
        value: 'N',
        help: 'How many accounts are audited at once, 1 to 32.',
    },
    audience: { group: 'aws', value: 'AUDIENCE', help: "Audience of GitHub's OIDC token." },
    'role-session-name': { group: 'aws', value: 'NAME', help: 'Session name of assumed roles.' },
    'role-duration-seconds': {
        group: 'aws',
        value: 'SECONDS',
        help: "Lifetime of an assumed role's credentials, 900 to 43200.",
    },
};
const GROUPS = [
    ['source', 'What to audit (default: the account of your AWS credentials)'],
    ['policy', 'When the audit fails'],
    ['output', 'Output'],
    ['aws', 'AWS session'],
];
const flagOf = (name) => {
    const flag = CLI_FLAGS[name];
    if (flag === undefined)
        throw new Error(`no CLI flag for input ${name}`);
    return flag;
};
const isBoolean = (name) => name in CLI_FLAGS && flagOf(name).value === undefined;
/**
 * Booleans as `--name=VALUE`: `--name` alone is true, `--no-name` false, and the older
 * `--name true` (the action's spelling) still works.
 */
function normalized(argv) {
    const out = [];
    for (let i = 0; i < argv.length; i += 1) {
        const arg = argv[i] ?? '';
        const name = /^--([a-z-]+)$/.exec(arg)?.[1];
        if (name !== undefined && isBoolean(name)) {
            const next = argv[i + 1];
            // A value that is not a flag is taken, so a wrong one is named rather than stray.
            if (next !== undefined && !next.startsWith('-')) {
                out.push(`--${name}=${next}`);
                i += 1;
            }
            else
                out.push(`--${name}=true`);
        }
        else if (name?.startsWith('no-') && isBoolean(name.slice(3))) {
            out.push(`--${name.slice(3)}=false`);
        }
        else
            out.push(arg);
    }
    return out;
}
/** The command line read: help, version, or an audit's flags as input values. */
function parseCommandLine(argv) {
    let values;
    try {
        ({ values } = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
            args: normalized(argv),
            strict: true,
            allowPositionals: false,
            options: {
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean' },
                ...Object.fromEntries(CLI_INPUTS.map((input) => [
                    input.name,
                    {
                        type: 'string',
                        multiple: flagOf(input.name).list === true,
                        ...(input.name === 'output' ? { short: 'o' } : {}),
                    },
                ])),
            },
        }));
    }
    catch (error) {
        throw plainly(error);
    }
    if (values.help === true)
        return { kind: 'help' };
    if (values.version === true)
        return { kind: 'version' };
    return {
        kind: 'audit',
        read: (name) => {
            const value = values[name];
            // A list's values, each of which may hold several separated by commas.
            if (Array.isArray(value))
                return value.filter((v) => typeof v === 'string').join('\n');
            return typeof value === 'string' ? value : undefined;
        },
    };
}
/** parseArgs' messages are multi-line and talk about its API: one plain line instead. */
function plainly(error) {
    const text = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^']*)'/.exec(text)?.[1];
    if (/Unknown option/.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`unknown option ${flag ?? ''}; see --help for the options.`);
    }
    if (/argument missing/.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`option ${flag?.split(' ')[0] ?? ''} needs a value; see --help.`);
    }
    if (/positional/.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('unexpected argument; every option is --name VALUE, see --help.');
    }
    if (/ambiguous/.test(text)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`option ${flag ?? ''}: a value that starts with - is written ${flag ?? '--name'}=VALUE.`);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${(text.split('\n')[0] ?? text).replace(/\.$/, '')}; see --help.`);
}
/**
 * `text` in lines of at most `width` characters: the first starts with `first`, the others
 * with `rest` (a word longer than a line stands alone).
 */
function wrap(text, width, first = '', rest = '') {
    const lines = [];
    let line = first;
    let empty = true;
    for (const word of text.split(/\s+/).filter((w) => w !== '')) {
        if (!empty && line.length + 1 + word.length > width) {
            lines.push(line);
            line = rest + word;
        }
        else
            line = empty ? line + word : `${line} ${word}`;
        empty = false;
    }
    if (!empty)
        lines.push(line);
    return lines;
}
/** The help, grouped and wrapped to `columns`. */
function helpText(columns) {
    const width = Math.min(Math.max(columns, 60), 100);
    const usage = (name) => {
        const flag = flagOf(name);
        const short = name === 'output' ? '-o, ' : '    ';
        if (flag.value === undefined)
            return `${short}--[no-]${name}`;
        return `${short}--${name} ${flag.value}${flag.list ? ',…' : ''}`;
    };
    const column = Math.min(Math.max(...CLI_INPUTS.map((i) => usage(i.name).length)) + 4, Math.floor(width / 2), 34);
    const indent = ' '.repeat(column);
    const entry = (left, help) => {
        const head = `  ${left}`;
        if (head.length + 2 > column)
            return [head, ...wrap(help, width, indent, indent)];
        return wrap(help, width, head.padEnd(column), indent);
    };
    const defaults = (name) => {
        const input = CLI_INPUTS.find((i) => i.name === name);
        const fallback = input?.cliDefault ?? input?.default ?? '';
        return fallback === '' || flagOf(name).value === undefined ? '' : ` (default: ${fallback})`;
    };
    const sections = GROUPS.flatMap(([group, title]) => [
        '',
        ...wrap(`${title}:`, width),
        ...CLI_INPUTS.filter((i) => flagOf(i.name).group === group).flatMap((i) => entry(usage(i.name), `${flagOf(i.name).help}${defaults(i.name)}`)),
    ]);
    return [
        'Usage: iam-mfa-audit [options]',
        '',
        ...wrap('Finds IAM users who can sign in to the AWS console without MFA, and the root user without MFA. Lists take values separated by commas, or the flag repeated.', width),
        ...sections,
        '',
        'Other:',
        ...entry('-h, --help', 'Show this help.'),
        ...entry('    --version', 'Show the version.'),
        '',
        'Examples:',
        '  iam-mfa-audit --credential-report credential-report.csv',
        '  iam-mfa-audit --profile audit --format json -o audit.json',
        '  iam-mfa-audit --no-include-root --sarif-file audit.sarif',
        '',
        ...wrap('Exit codes: 0 pass (or incomplete with --allow-incomplete); 1 fail: findings over the threshold, or principals not assessed; 2 error: a bad option, an unreadable report, AWS credentials, or an internal error (nothing is written).', width),
        '',
    ].join('\n');
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $g: () => (/* binding */ ReportError),
/* harmony export */   Eo: () => (/* binding */ AwsAccessError),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   g5: () => (/* binding */ failureOf),
/* harmony export */   j1: () => (/* binding */ ConfigurationError),
/* harmony export */   oW: () => (/* binding */ UploadError)
/* harmony export */ });
/* unused harmony export AuditError */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7194);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8992);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1013);



/**
 * Errors a user can fix. Each carries one line that names the input, file or
 * permission at fault and what is accepted; entries print that line and no stack.
 */
class AuditError extends Error {
    name = 'AuditError';
    /** What the user can do about errors of this kind, unless one says better. */
    static defaultAdvice = 'Correct what the reason names and run the audit again.';
    /** What the user can do about it, for the job summary. */
    advice;
    constructor(message, advice) {
        super(message);
        this.advice = advice ?? this.constructor.defaultAdvice;
    }
}
/** A bad input value or flag. */
class ConfigurationError extends AuditError {
    name = 'ConfigurationError';
    static defaultAdvice = "Correct the input named in the reason; the README's table of inputs lists the accepted values.";
}
/** A credential report that cannot be read or does not have the expected shape. */
class ReportError extends AuditError {
    name = 'ReportError';
    static defaultAdvice = 'Give the IAM credential report as CSV: the base64-decoded Content of `aws iam get-credential-report`, or the file the IAM console downloads.';
}
/** AWS refused or failed a call in a way the user must act on (credentials, permissions). */
class AwsAccessError extends AuditError {
    name = 'AwsAccessError';
    static defaultAdvice = "Fix the credentials, the role's trust policy or its permissions as the reason says; the README lists the role's least-privilege policy.";
}
/** The SARIF could not be uploaded to code scanning, or GitHub could not process it. */
class UploadError extends AuditError {
    name = 'UploadError';
    static defaultAdvice = 'Give the job `permissions: security-events: write` (and `actions: read` in a private repository), make sure code scanning is available for the repository, or upload with github/codeql-action/upload-sarif instead.';
}
/** Why a run stopped, in one line with no secret and no control character in it. */
function failureOf(error) {
    if (error instanceof AuditError) {
        return { reason: (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redacted */ .p)(error.message)), advice: error.advice, internal: false };
    }
    return {
        reason: `internal error: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redacted */ .p)(describeError(error)))}`,
        advice: `Unless the reason points at something the runner provides (a file or folder it set up), this is a bug in iam-mfa-audit, not a problem with your account or inputs: re-run with debug logging on for the stack trace, and report it at ${_version_js__WEBPACK_IMPORTED_MODULE_2__/* .ISSUES_URI */ .ED}.`,
        internal: true,
    };
}
/** One line for any thrown value, Error or not, without a stack trace. */
function describeError(error) {
    if (error instanceof AuditError)
        return error.message;
    if (error instanceof Error) {
        const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
        return firstLine(`${name}${error.message}`);
    }
    if (typeof error === 'string')
        return firstLine(error);
    try {
        return firstLine(`unexpected error: ${JSON.stringify(error)}`);
    }
    catch {
        return 'unexpected error';
    }
}
function firstLine(text) {
    return text.split(/\r?\n/, 1)[0] ?? text;
}


/***/ }),

/***/ 495:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ readRegularFile),
/* harmony export */   j: () => (/* binding */ notARegularFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Why a path cannot be read or written as a file (`is a directory`, `is not a regular file
 * (a FIFO)`), or null when it is a regular file.
 */
function notARegularFile(info) {
    if (info.isDirectory())
        return 'is a directory';
    return info.isFile() ? null : `is not a regular file (${specialFileKind(info)})`;
}
/** What a path that is not a regular file or folder is, in words: `a FIFO`, `a socket`, … */
function specialFileKind(info) {
    if (info.isFIFO())
        return 'a FIFO';
    if (info.isCharacterDevice())
        return 'a character device';
    if (info.isBlockDevice())
        return 'a block device';
    if (info.isSocket())
        return 'a socket';
    return 'a special file';
}
/**
 * A regular file's text, read whole when it is at most `maxBytes`; anything else is refused
 * through `refuse`, with why: `is a directory`, `is larger than 64 MiB`, `cannot be read
 * (ENOENT)`.
 */
async function readRegularFile(path, maxBytes, refuse) {
    const unreadable = (error) => refuse(`cannot be read (${error.code ?? String(error)})`);
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path).catch((error) => {
        throw unreadable(error);
    });
    const notAFile = notARegularFile(info);
    if (notAFile !== null)
        throw refuse(notAFile);
    if (info.size > maxBytes)
        throw refuse(`is larger than ${maxBytes / 1024 / 1024} MiB`);
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8').catch((error) => {
        throw unreadable(error);
    });
}


/***/ }),

/***/ 1868:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   PE: () => (/* binding */ removeStaleSarif),
/* harmony export */   VR: () => (/* binding */ sarifTarget),
/* harmony export */   lg: () => (/* binding */ writeSarif)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _write_atomic_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5865);
/* harmony import */ var _file_kind_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(495);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1013);





/**
 * The largest file read to tell whether it is this tool's SARIF log: GitHub takes at most
 * 25,000 results a run, and each of this tool's results is about 1.5 KiB (40 MiB in all).
 */
const MAX_LOG_BYTES = 256 * 1024 * 1024;
/**
 * Where the SARIF log may be written, checked before the audit starts: a new file, an empty
 * one, or a SARIF log this tool wrote (replaced whole). A symbolic link is followed (the link
 * stays, its target is written). A folder, a device, a FIFO or socket, the credential report
 * itself, another tool's SARIF log and any other file are refused, so no file of the user's
 * is overwritten. Returns the path to write.
 */
async function sarifTarget(path, credentialReport) {
    const refuse = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`sarif-file ${JSON.stringify(path)}: ${why}; give the path of a regular file to write the SARIF log to.`);
    if (/[/\\]$/.test(path))
        throw refuse('names a folder');
    let target = path;
    let info;
    try {
        const link = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path);
        if (link.isSymbolicLink()) {
            target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(path).catch(() => {
                throw refuse('is a symbolic link to nothing');
            });
            info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(target);
        }
        else {
            info = link;
        }
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1)
            throw error;
        const code = error.code;
        if (code !== 'ENOENT')
            throw refuse(`cannot be checked (${code ?? String(error)})`);
        info = null; // a new file
    }
    if (info === null)
        return target;
    const notAFile = (0,_file_kind_js__WEBPACK_IMPORTED_MODULE_3__/* .notARegularFile */ .j)(info);
    if (notAFile !== null)
        throw refuse(notAFile);
    if (credentialReport !== null) {
        const report = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(credentialReport).catch(() => null);
        if (report !== null && report.dev === info.dev && report.ino === info.ino) {
            throw refuse('is the credential report being audited, which it would overwrite');
        }
    }
    if (info.size === 0)
        return target;
    const kind = await logKind(target);
    if (kind === 'ours')
        return target;
    throw refuse(kind === 'not-sarif'
        ? 'is a file that is not a SARIF log, which it would overwrite'
        : `is the SARIF log of another tool (${JSON.stringify(kind.otherTool)}), which it would overwrite`);
}
/** Writes the log at `target` (where `given` leads); a failure names the path the user gave. */
async function writeSarif(given, target, content) {
    try {
        await (0,_write_atomic_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(target, content);
    }
    catch (error) {
        const code = error.code ?? String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`sarif-file ${JSON.stringify(given)}: cannot write the SARIF log there (${code}); give the path of a file in a folder the step can write to.`);
    }
}
/**
 * Removes the SARIF log an earlier run of this tool left at `path`, so that an upload step
 * after a failed run cannot publish stale results as this run's. Only a regular file that is
 * this tool's SARIF log is removed; anything else there is left alone. Returns whether a file
 * was removed.
 */
async function removeStaleSarif(path) {
    if ((await logKind(path)) !== 'ours')
        return false;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { force: true });
    return true;
}
/**
 * Whether the file at `path` is a SARIF 2.1.0 log whose every run is this tool's: parsed as
 * JSON, not guessed from its first bytes. Anything that is not a regular file, is larger
 * than MAX_LOG_BYTES or cannot be read or parsed is not a SARIF log.
 */
async function logKind(path) {
    const text = await contents(path);
    if (text === null)
        return 'not-sarif';
    let log;
    try {
        log = JSON.parse(text);
    }
    catch {
        return 'not-sarif';
    }
    if (!isObject(log) || log.version !== '2.1.0' || !Array.isArray(log.runs))
        return 'not-sarif';
    const tools = log.runs.map((run) => {
        const tool = isObject(run) && isObject(run.tool) ? run.tool.driver : undefined;
        return isObject(tool) && typeof tool.name === 'string' ? tool.name : null;
    });
    if (tools.length === 0 || tools.includes(null))
        return 'not-sarif';
    const other = tools.find((name) => name !== _version_js__WEBPACK_IMPORTED_MODULE_4__/* .TOOL_NAME */ .lH);
    return other === undefined || other === null ? 'ours' : { otherTool: other };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A regular file's text, up to MAX_LOG_BYTES; null for anything else or what cannot be read. */
async function contents(path) {
    try {
        // lstat first: opening a FIFO would wait for a writer, and a link is not ours to judge.
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path);
        if (!info.isFile() || info.size > MAX_LOG_BYTES)
            return null;
        const file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
        try {
            const buffer = Buffer.alloc(info.size);
            const { bytesRead } = await file.read(buffer, 0, info.size, 0);
            return buffer.subarray(0, bytesRead).toString('utf8');
        }
        finally {
            await file.close();
        }
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 5865:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** Writes a file so that readers see the old content or the new, never half of it. */
async function writeFileAtomic(path, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temporary, content, { encoding: 'utf8', mode: 0o644 });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temporary, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 182:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   jZ: () => (/* binding */ atLeast),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   r0: () => (/* binding */ phishable),
/* harmony export */   rX: () => (/* binding */ tracked),
/* harmony export */   ri: () => (/* binding */ withoutCredentials),
/* harmony export */   rn: () => (/* binding */ CLOCK_SKEW_MS),
/* harmony export */   zT: () => (/* binding */ rootArnOf)
/* harmony export */ });
/* unused harmony export SILENT_PROGRESS */
/**
 * The types every stage speaks: a snapshot of an account's principals goes in,
 * findings come out of the rules, and one verdict comes out of the threshold.
 */
/** Severities from most to least severe; the order is used for thresholds. */
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
/** Whether a one-time code from this kind of device can be relayed by a phishing page. */
function phishable(device) {
    return device.kind === 'virtual' || device.kind === 'hardware';
}
/**
 * Whether a principal is known to have neither a console password nor an active access key:
 * it cannot sign in now (root can still recover a password by email, unless AWS
 * Organizations manages its credentials centrally).
 */
function withoutCredentials(principal) {
    return principal.consolePassword === false && principal.accessKeysActive === false;
}
/** How far apart two clocks (this runner's, AWS's) may be and still agree on "now". */
const CLOCK_SKEW_MS = 5 * 60_000;
/** The ARN of an account's root user, which also names the account as a whole. */
function rootArnOf(partition, accountId) {
    return `arn:${partition}:iam::${accountId}:root`;
}
/** True when `severity` is at least as severe as `threshold`. */
function atLeast(severity, threshold) {
    return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
/** Runs `work`, its progress shown while it runs; `step` counts one more step done. */
async function tracked(progress, what, total, work) {
    const task = progress.begin(what, total);
    try {
        return await work(() => {
            task.advance();
        });
    }
    finally {
        task.end();
    }
}
/** Progress nobody is shown. */
const SILENT_PROGRESS = {
    begin: () => ({ advance: () => undefined, end: () => undefined }),
};


/***/ }),

/***/ 8381:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HT: () => (/* binding */ isStandardOutput),
/* harmony export */   Xr: () => (/* binding */ sarifFileOf),
/* harmony export */   mc: () => (/* binding */ INPUTS),
/* harmony export */   vS: () => (/* binding */ parsePlan)
/* harmony export */ });
/* unused harmony export ACTION_INPUTS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(182);


/** How the CLI prints the outcome. */
const FORMATS = ['table', 'json', 'sarif', 'markdown'];
const THRESHOLDS = [..._model_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .oC, 'none'];
/** The inputs, in the order action.yml, the CLI's --help and the README list them. */
const INPUTS = [
    {
        name: 'credential-report',
        description: 'Path to an IAM credential report CSV to audit instead of the live account. No AWS call is made and no credentials are needed.',
        default: '',
    },
    {
        name: 'fail-on',
        description: `Lowest severity that counts against max-findings: ${THRESHOLDS.join(', ')}. With none, findings never fail the run.`,
        default: 'high',
    },
    {
        name: 'max-findings',
        description: 'How many counted findings are tolerated before the run fails.',
        default: '0',
    },
    {
        name: 'sarif-file',
        description: 'Where to write the SARIF 2.1.0 log for code scanning: a new file, or an earlier SARIF log or empty file, replaced whole (a link is followed). Any other file, a folder, a device or a FIFO is refused.',
        default: 'iam-mfa-audit.sarif',
        cliDefault: '',
    },
    {
        name: 'include-root',
        description: 'Also check that the root user has MFA (rule aws-iam-001): true or false.',
        default: 'true',
    },
    {
        name: 'require-phishing-resistant-mfa',
        description: 'Also report console users, and root, with an MFA device that gives one-time codes (an authenticator app or a hardware TOTP token), even beside a FIDO security key or passkey: AWS accepts any one device at sign-in (rule aws-iam-mfa-phishing-resistant, medium). Live audit only: a credential report does not say which kind a device is.',
        default: 'false',
    },
    {
        name: 'terraform-plan',
        description: 'Files of terraform show -json output (one per line): the account is audited as it would be after the plan, and each finding the plan causes or clears is labelled with its resource.',
        default: '',
    },
    {
        name: 'fail-on-scope',
        description: 'Which findings count against max-findings: all, or new (only those new or reopened since the last run, as code scanning or --baseline knows it; every finding when no earlier run can be read).',
        default: 'all',
    },
    {
        name: 'accept-dismissed-alerts',
        description: "Accept a finding whose code-scanning alert is dismissed (false positive, won't fix, used in tests) like a suppression: reported with the dismissal, not counted. Needs github-token with security-events: read: true or false.",
        default: 'false',
        actionOnly: true,
    },
    {
        name: 'baseline',
        description: 'An earlier SARIF log of this tool: each finding is new or still open against it, the ones gone are fixed, and fail-on-scope new counts only the new ones.',
        default: '',
        cliOnly: true,
    },
    {
        name: 'suppressions-file',
        description: "YAML file of accepted findings, each with a reason and a last day (expires); see the README. Default: .github/iam-mfa-audit.yml when it exists. A file in cloud-audit's .cloud-audit.yml format is read when named here; it is never looked for.",
        default: '',
    },
    {
        name: 'upload-sarif',
        description: 'Upload the SARIF to code scanning from this step (needs permissions: security-events: write), and wait until GitHub has processed it: true or false.',
        default: 'false',
    },
    {
        name: 'github-token',
        description: 'Token for the upload; the workflow token by default.',
        default: '',
        actionDefault: '${{ github.token }}',
    },
    {
        name: 'sarif-category',
        description: "Code-scanning category of the upload (the SARIF run's automationDetails.id); default iam-mfa-audit/ACCOUNT_ID/, one per account, and iam-mfa-audit/fleet/ for several accounts in one run.",
        default: '',
    },
    {
        name: 'iac-paths',
        description: 'Folders (one per line) searched for the Terraform or CloudFormation that defines each user, so its alert shows on that code; node_modules and .git are skipped, and the search is bounded. Default: the workspace.',
        default: '.',
    },
    {
        name: 'grace-period-hours',
        description: 'Hours a new IAM user has to enroll MFA: a user created less than this long ago is reported with severity low, marked as in its grace period, until then; a password added later renews nothing. 0 turns it off.',
        default: '0',
    },
    {
        name: 'role-to-assume',
        description: "ARN of the IAM role to assume with GitHub's OIDC token (needs permissions: id-token: write); several ARNs, one per line, audit several accounts. Empty: the AWS SDK's default credential chain.",
        default: '',
    },
    {
        name: 'accounts',
        description: 'AWS account ids to audit, one per line, each through the role named by role-name in it.',
        default: '',
    },
    {
        name: 'role-name',
        description: "Name (with its path, if any) of the role to assume with GitHub's OIDC token in each account of accounts or of the organization: arn:PARTITION:iam::ACCOUNT:role/ROLE-NAME.",
        default: '',
    },
    {
        name: 'organization-role',
        description: "ARN of a role in the organization's management or delegated administrator account that may call organizations:ListAccounts: every ACTIVE account is audited through role-name.",
        default: '',
    },
    {
        name: 'account-filter',
        description: 'With organization-role: only these accounts, one per line: account ids, and organizational unit ids (ou-…) or the root id (r-…) for every account under them.',
        default: '',
    },
    {
        name: 'discover-only',
        description: "With organization-role: list the organization's accounts in the output accounts (a JSON array for a matrix) and audit none.",
        default: 'false',
    },
    {
        name: 'max-parallel-accounts',
        description: 'How many accounts are audited at once when several are, 1 to 32.',
        default: '4',
    },
    {
        name: 'audience',
        description: "Audience of the OIDC token; the role's trust policy must accept it.",
        default: 'sts.amazonaws.com',
    },
    {
        name: 'aws-region',
        description: 'Region for the STS and IAM endpoints (IAM is global within a partition); it also names the partition. Default: AWS_REGION, else AWS_DEFAULT_REGION (as aws-actions/configure-aws-credentials exports them), else us-east-1.',
        default: '',
    },
    {
        name: 'role-session-name',
        description: 'Session name of the assumed role: 2 to 64 characters of letters, digits and + = , . @ _ -.',
        default: 'iam-mfa-audit',
    },
    {
        name: 'role-duration-seconds',
        description: "Lifetime of the assumed role's credentials, 900 to 43200 seconds.",
        default: '900',
    },
    {
        name: 'profile',
        description: 'Named profile from the shared AWS config and credentials files.',
        default: '',
        cliOnly: true,
    },
    {
        name: 'format',
        description: 'How the outcome is printed: table; json (verdict, accounts and findings, for scripts); sarif (the SARIF log); markdown (the job summary the action writes).',
        default: 'table',
        cliOnly: true,
    },
    {
        name: 'output',
        description: 'Write the outcome to this file instead of standard output (- is standard output).',
        default: '',
        cliOnly: true,
    },
    {
        name: 'report-timeout-seconds',
        description: 'How long to wait for AWS to generate the credential report before auditing user by user.',
        default: '120',
    },
    {
        name: 'allow-incomplete',
        description: 'When true, principals that could not be assessed do not fail the run (the result is then incomplete, never pass).',
        default: 'false',
    },
    {
        name: 'max-attempts',
        description: 'Attempts per AWS call, with adaptive retry on throttling and transient errors.',
        default: '10',
    },
    {
        name: 'allowed-account-ids',
        description: 'AWS account ids the credentials of a live audit may belong to, one per line: credentials of another account stop the run before it audits anything. Default: any account.',
        default: '',
    },
];
/** The inputs action.yml declares: all but the CLI's own flags. */
const ACTION_INPUTS = INPUTS.filter((input) => input.cliOnly !== true);
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_PARENT = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** An input's value as given, trimmed, or its default on `surface` when unset. */
function inputValue(read, name, surface) {
    const raw = read(name)?.trim() ?? '';
    if (raw !== '')
        return raw;
    const spec = INPUTS.find((input) => input.name === name);
    if (!spec)
        throw new Error(`unknown input ${name}`);
    return (surface === 'cli' ? spec.cliDefault : undefined) ?? spec.default;
}
/**
 * Where the SARIF goes (null: nowhere), readable even when another input is bad, to clear
 * a stale file.
 */
function sarifFileOf(read, surface) {
    const path = inputValue(read, 'sarif-file', surface);
    return path === '' ? null : path;
}
/** `-` and /dev/stdout name standard output. */
function isStandardOutput(path) {
    return path === '-' || path === '/dev/stdout';
}
/** Inputs that cannot be set together, and why. */
const CONFLICTS = [
    [
        'credential-report',
        'role-to-assume',
        'a report file is audited without calling AWS, so no role is assumed',
    ],
    [
        'credential-report',
        'profile',
        'a report file is audited without calling AWS, so no profile is used',
    ],
    [
        'role-to-assume',
        'profile',
        "the role is assumed with GitHub's OIDC token, not with a profile's credentials",
    ],
    ...['credential-report', 'profile', 'role-to-assume'].flatMap((one) => [
        [one, 'accounts', 'accounts are audited through role-name in each'],
        [one, 'organization-role', "the organization's accounts are audited through role-name"],
    ]),
    ['accounts', 'organization-role', 'the accounts are either listed or discovered'],
];
/** The partition a region belongs to, for the ARNs of roles named by role-name. */
function partitionOfRegion(region) {
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('eusc-'))
        return 'aws-eusc';
    if (region.startsWith('us-isob-'))
        return 'aws-iso-b';
    if (region.startsWith('us-iso-'))
        return 'aws-iso';
    return 'aws';
}
/**
 * Reads raw input values (undefined or '' when unset) and returns the run's plan.
 * `label` turns an input name into the way the user wrote it (`input fail-on` or `--fail-on`);
 * `env` supplies what the inputs leave to the environment: the region, from AWS_REGION or
 * AWS_DEFAULT_REGION.
 */
function parsePlan(read, label, env = {}, surface = 'action') {
    const value = (name) => inputValue(read, name, surface);
    const bad = (name, got, accepted) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label(name)}: ${JSON.stringify(got)} is not accepted; use ${accepted}.`);
    for (const [one, other, why] of CONFLICTS) {
        if (value(one) !== '' && value(other) !== '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label(one)} and ${label(other)} contradict each other: ${why}; set only one of them.`);
        }
    }
    const oneOf = (name, accepted) => {
        const raw = value(name);
        const found = accepted.find((a) => a === raw.toLowerCase());
        if (found === undefined)
            throw bad(name, raw, `one of ${accepted.join(', ')}`);
        return found;
    };
    const integer = (name, min, max) => {
        const raw = value(name);
        const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isSafeInteger(n) || n < min || n > max) {
            throw bad(name, raw, `a whole number from ${min} to ${max}`);
        }
        return n;
    };
    // The same spellings as core.getBooleanInput (YAML 1.2 core schema), in both surfaces.
    const boolean = (name) => {
        const raw = value(name);
        if (['true', 'True', 'TRUE'].includes(raw))
            return true;
        if (['false', 'False', 'FALSE'].includes(raw))
            return false;
        throw bad(name, raw, 'true or false');
    };
    const matching = (name, pattern, accepted) => {
        const raw = value(name);
        if (!pattern.test(raw))
            throw bad(name, raw, accepted);
        return raw;
    };
    const optional = (raw) => (raw === '' ? null : raw);
    if (value('credential-report') !== '' && boolean('require-phishing-resistant-mfa')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('require-phishing-resistant-mfa')} true needs the live audit: a credential report does not say which kind of MFA device a user has; leave ${label('credential-report')} empty or set it to false.`);
    }
    if (boolean('upload-sarif') && value('github-token') === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('upload-sarif')} true needs ${label('github-token')}: a token with security-events: write.`);
    }
    const region = regionOf(value('aws-region'), label('aws-region'), env);
    const discoverOnly = boolean('discover-only');
    // Every input is checked, whichever source it applies to.
    const list = (name, pattern, accepted) => listOf(value, label, surface, name, pattern, accepted);
    const scope = scopeOf(value, label, bad, list, partitionOfRegion(region), discoverOnly);
    const session = {
        region,
        maxAttempts: integer('max-attempts', 1, 50),
        profile: optional(value('profile')),
        audience: value('audience'),
        roleSessionName: matching('role-session-name', SESSION_NAME, '2 to 64 characters of letters, digits and + = , . @ _ -'),
        roleDurationSeconds: integer('role-duration-seconds', 900, 43_200),
        allowedAccountIds: list('allowed-account-ids', ACCOUNT_ID, 'an account id of 12 digits'),
    };
    const live = {
        kind: 'live',
        scope,
        session,
        reportTimeoutSeconds: integer('report-timeout-seconds', 1, 3600),
        maxParallelAccounts: integer('max-parallel-accounts', 1, 32),
        discoverOnly,
    };
    const credentialReport = optional(value('credential-report'));
    const sarifFile = optional(value('sarif-file'));
    const reportFile = optional(value('output'));
    const format = oneOf('format', FORMATS);
    if (sarifFile !== null && isStandardOutput(sarifFile)) {
        if (surface === 'action') {
            throw bad('sarif-file', sarifFile, 'the path of a file for the SARIF log');
        }
        if (reportFile === null || isStandardOutput(reportFile)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('sarif-file')} ${sarifFile}: the report goes to standard output too; print the SARIF alone with ${label('format')} sarif, or send the report to a file with -o FILE.`);
        }
    }
    return {
        source: credentialReport === null ? live : { kind: 'report-file', path: credentialReport },
        rules: {
            includeRoot: boolean('include-root'),
            requirePhishingResistantMfa: boolean('require-phishing-resistant-mfa'),
        },
        history: historyOf(optional(value('baseline')), optional(value('github-token')), surface),
        terraformPlans: linesOf(value('terraform-plan')).flatMap(({ text }) => text
            .split(',')
            .map((path) => path.trim())
            .filter((path) => path !== '')),
        policy: {
            failOn: oneOf('fail-on', THRESHOLDS),
            failOnScope: oneOf('fail-on-scope', ['all', 'new']),
            acceptDismissedAlerts: surface === 'action' && boolean('accept-dismissed-alerts'),
            maxFindings: integer('max-findings', 0, 1_000_000),
            allowIncomplete: boolean('allow-incomplete'),
            gracePeriodHours: integer('grace-period-hours', 0, 8760),
            suppressionsFile: optional(value('suppressions-file')),
        },
        outputs: {
            sarifFile,
            sarifCategory: optional(value('sarif-category')),
            iacPaths: linesOf(value('iac-paths')).map(({ text }) => text),
            uploadToken: boolean('upload-sarif') ? optional(value('github-token')) : null,
            format,
            reportFile: reportFile === null || isStandardOutput(reportFile) ? null : reportFile,
        },
    };
}
/**
 * Where the history comes from: the baseline file the CLI names, else in the action the
 * code scanning of the repository (with github-token, the workflow token by default).
 */
function historyOf(baseline, token, surface) {
    if (baseline !== null)
        return { kind: 'baseline', path: baseline };
    if (surface === 'action' && token !== null)
        return { kind: 'code-scanning', token };
    return { kind: 'none' };
}
/** A list input's lines, trimmed, without the empty ones, each with its 1-based number. */
function linesOf(value) {
    return value
        .split(/\r?\n/)
        .map((text, i) => ({ text: text.trim(), line: i + 1 }))
        .filter(({ text }) => text !== '');
}
/**
 * The accounts to audit, from role-to-assume (one or several ARNs), accounts with role-name,
 * or organization-role with role-name and account-filter. A list is one value per line;
 * a bad line is named by its number.
 */
function scopeOf(value, label, bad, list, partition, discoverOnly) {
    const needs = (name, needed, why) => {
        if (value(name) !== '' && value(needed) === '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label(name)} needs ${label(needed)}: ${why}.`);
        }
    };
    needs('accounts', 'role-name', 'the role to assume in each account');
    needs('organization-role', 'role-name', "the role to assume in each of the organization's accounts");
    needs('account-filter', 'organization-role', 'it filters the accounts of an organization');
    if (discoverOnly && value('organization-role') === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('discover-only')} true needs ${label('organization-role')}: it lists the accounts of an organization.`);
    }
    if (value('role-name') !== '' && value('accounts') === '' && value('organization-role') === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('role-name')} needs ${label('accounts')} or ${label('organization-role')}: the accounts to assume it in.`);
    }
    const roleName = () => {
        const name = value('role-name').replace(/^\//, '');
        if (!ROLE_NAME.test(name)) {
            throw bad('role-name', value('role-name'), 'a role name, with its path if any, such as iam-mfa-audit');
        }
        return name;
    };
    const roleArn = 'a role ARN such as arn:aws:iam::123456789012:role/NAME';
    if (value('organization-role') !== '') {
        const organizationRole = value('organization-role');
        if (!ROLE_ARN.test(organizationRole))
            throw bad('organization-role', organizationRole, roleArn);
        return {
            kind: 'organization',
            organizationRole,
            roleName: roleName(),
            partition: /^arn:([^:]+):/.exec(organizationRole)?.[1] ?? partition,
            filter: list('account-filter', new RegExp(`${ACCOUNT_ID.source}|${ORGANIZATION_PARENT.source}`), 'an account id (12 digits), an organizational unit id (ou-…) or the root id (r-…)'),
        };
    }
    if (value('accounts') !== '') {
        return {
            kind: 'accounts',
            accounts: list('accounts', ACCOUNT_ID, 'an account id of 12 digits'),
            roleName: roleName(),
            partition,
        };
    }
    const roles = list('role-to-assume', ROLE_ARN, roleArn);
    if (roles.length <= 1)
        return { kind: 'one', role: roles[0] ?? null };
    // Two roles of one account would audit it twice, every finding reported twice.
    const accounts = roles.map((role) => role.split(':')[4]);
    const twice = accounts.findIndex((account, i) => accounts.indexOf(account) !== i);
    if (twice >= 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('role-to-assume')}: two roles are in account ${accounts[twice] ?? ''}; list one role per account.`);
    }
    const partitions = new Set(roles.map((role) => role.split(':')[1]));
    if (partitions.size > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label('role-to-assume')}: the roles are in ${[...partitions].join(' and ')}; one run audits one partition, so list the roles of each partition in a run of its own.`);
    }
    return { kind: 'roles', roles, partition: [...partitions][0] ?? partition };
}
/**
 * A list input: one value per line (commas and spaces separate too, as a YAML flow list
 * would be written; the CLI's repeated flags arrive as lines); a value that does not match,
 * or is listed twice, is named, with its line in the action.
 */
function listOf(value, label, surface, name, pattern, accepted) {
    const where = (n) => (surface === 'action' ? `, line ${n}` : '');
    const separated = surface === 'action' ? 'one per line' : 'separated by commas';
    const seen = new Set();
    return linesOf(value(name))
        .flatMap(({ text, line }) => text.split(/[\s,]+/).map((item) => [item, line]))
        .filter(([item]) => item !== '')
        .map(([item, n]) => {
        if (!pattern.test(item)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label(name)}${where(n)}: ${JSON.stringify(item)} is not accepted; use ${accepted}, ${separated}.`);
        }
        if (seen.has(item)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${label(name)}${where(n)}: ${item} is listed twice; list each once.`);
        }
        seen.add(item);
        return item;
    });
}
/**
 * The region: the input when it is set, else AWS_REGION, else AWS_DEFAULT_REGION (what
 * aws-actions/configure-aws-credentials exports), else us-east-1. A value that is not a
 * region name is refused, naming where it came from.
 */
function regionOf(input, inputLabel, env) {
    const [where, raw] = input !== ''
        ? [inputLabel, input]
        : env.AWS_REGION
            ? ['AWS_REGION', env.AWS_REGION]
            : env.AWS_DEFAULT_REGION
                ? ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION]
                : ['', 'us-east-1'];
    if (!REGION.test(raw)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where}: ${JSON.stringify(raw)} is not accepted; use a region name such as us-east-1.`);
    }
    return raw;
}


/***/ }),

/***/ 7194:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ rememberSecret),
/* harmony export */   p: () => (/* binding */ redacted)
/* harmony export */ });
/**
 * Secrets kept out of every log line, output, file and summary. Values the run knows (tokens
 * and temporary keys it holds) are replaced wherever they appear, and so is anything shaped
 * like a GitHub token, which an API may echo in an error. Text from outside passes through
 * `redacted` before it is escaped for any output, so no escaping can hide a secret from it:
 * in failureOf, for every error that stops a run or an account, and in awsMessage, for AWS's
 * words in the reasons of what was not assessed.
 */
const known = new Set();
/** GitHub's token formats: classic and fine-grained personal, OAuth, app, refresh. */
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;
/** What replaces a secret. */
const REDACTED = '***';
/** Remembers a value that must never be shown; values too short to be secrets are ignored. */
function rememberSecret(value) {
    if (value.length >= 8)
        known.add(value);
}
/** The text with every known secret, and anything shaped like a GitHub token, replaced. */
function redacted(text) {
    let out = text.replace(GITHUB_TOKEN, REDACTED);
    for (const secret of known)
        out = out.split(secret).join(REDACTED);
    return out;
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HM: () => (/* binding */ daysAgo),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Ln: () => (/* binding */ dayAndAge),
/* harmony export */   Mm: () => (/* binding */ bounded),
/* harmony export */   RK: () => (/* binding */ visible),
/* harmony export */   X3: () => (/* binding */ minuteUtc),
/* harmony export */   gW: () => (/* binding */ CONTROL_CHARACTER),
/* harmony export */   nl: () => (/* binding */ inertJson),
/* harmony export */   r7: () => (/* binding */ shellWord),
/* harmony export */   sO: () => (/* binding */ DAY_MS),
/* harmony export */   u$: () => (/* binding */ isoSecond)
/* harmony export */ });
/** `1 finding`, `2 findings`: a count with its noun. */
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** Control characters, and the invisible marks that reorder, join or hide text. */
const INVISIBLE = '\\p{Cc}\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff';
/** Matches one such character. */
const CONTROL_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'u');
/** Matches every one (replace resets a global pattern's position, so one can be shared). */
const EVERY_CONTROL_CHARACTER = new RegExp(`[${INVISIBLE}]`, 'gu');
/**
 * Text with control characters and invisible direction marks written as `\u001b`-style
 * escapes, so a name cannot drive a terminal, hide a link or reorder what a reader sees.
 */
function visible(text) {
    return text.replace(EVERY_CONTROL_CHARACTER, unicodeEscape);
}
/** `\u202e` for U+202E. */
function unicodeEscape(c) {
    return `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}
/** At most `max` characters: longer text is cut, and says so with an ellipsis. */
function bounded(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
const DAY_MS = 86_400_000;
/** UTC calendar days from `time` to `now` (negative when it is later); null when it is no time. */
function daysAgo(time, now) {
    const at = Date.parse(time);
    return Number.isNaN(at) ? null : Math.floor(now.getTime() / DAY_MS) - Math.floor(at / DAY_MS);
}
/**
 * A time as a reader wants it in a table: its UTC day and how long ago that was,
 * `2026-11-20 (10 days ago)`. Text that is not a time (`never`, `unknown`) is kept.
 */
function dayAndAge(time, now) {
    const days = daysAgo(time, now);
    if (days === null)
        return time;
    const day = new Date(Date.parse(time)).toISOString().slice(0, 10);
    const age = days === 0
        ? 'today'
        : days === 1
            ? 'yesterday'
            : days > 0
                ? `${days.toLocaleString('en-US')} days ago`
                : days === -1
                    ? 'tomorrow'
                    : `in ${(-days).toLocaleString('en-US')} days`;
    return `${day} (${age})`;
}
/** A time to the second in UTC, as IAM writes it: `2026-11-21T08:00:05Z`. */
function isoSecond(time) {
    const ms = time instanceof Date ? time.getTime() : time;
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
/** A time to the minute in UTC, `2026-11-21 08:00 UTC`, for ends that fall within a day. */
function minuteUtc(time) {
    const at = time instanceof Date ? time.getTime() : Date.parse(time);
    return Number.isNaN(at)
        ? String(time)
        : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** Characters a POSIX shell takes literally in a word. */
const SHELL_PLAIN = /^[\w+=,.@:/%-]+$/;
/**
 * One word for a POSIX shell: as it is when every character is taken literally, otherwise in
 * single quotes (a quote inside written '\''), so nothing in it runs when pasted.
 */
function shellWord(text) {
    return SHELL_PLAIN.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
/** The invisible characters but the newline, which JSON.stringify writes only between values. */
const INVISIBLE_BUT_NEWLINE = INVISIBLE.replace('\\p{Cc}', '\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f');
const EVERY_INVISIBLE_IN_JSON = new RegExp(`[${INVISIBLE_BUT_NEWLINE}]`, 'gu');
/**
 * JSON whose text holds no control character or invisible mark as such: JSON.stringify
 * escapes only U+0000 to U+001F, so the rest (DEL, C1 controls, direction marks) are written
 * as \u escapes too; the only raw newlines left are the indentation's, between values. The
 * value read back is the same; a viewer of the file sees the escape.
 */
function inertJson(value, indent) {
    // replace returns the text itself, uncopied, when there is nothing to escape.
    return JSON.stringify(value, null, indent).replace(EVERY_INVISIBLE_IN_JSON, unicodeEscape);
}


/***/ }),

/***/ 1013:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  py: () => (/* binding */ HOMEPAGE),
  ED: () => (/* binding */ ISSUES_URI),
  vh: () => (/* binding */ RULES_URI),
  lH: () => (/* binding */ TOOL_NAME),
  xv: () => (/* binding */ VERSION)
});

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = /*#__PURE__*/JSON.parse('{"UU":"iam-mfa-audit","rE":"0.1.0","TB":"https://github.com/iam-mfa-audit/iam-mfa-audit","SN":{"O":"https://github.com/iam-mfa-audit/iam-mfa-audit/issues"}}');
;// CONCATENATED MODULE: ./src/version.ts

/** The tool's name, as SARIF and code scanning know it. */
const TOOL_NAME = package_namespaceObject.UU;
/** The release version; package.json holds it, and the bundle carries it from there. */
const VERSION = package_namespaceObject.rE;
/** The project's home page, and its table of rules, for the SARIF tool and rule links. */
const HOMEPAGE = package_namespaceObject.TB;
const RULES_URI = `${HOMEPAGE}#rules`;
const ISSUES_URI = package_namespaceObject.SN.O;


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
