export const id = 103;
export const ids = [103];
export const modules = {

/***/ 5103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/policy/threshold.ts


/** Findings counted against the threshold. */
function countedFindings(findings, policy) {
    const { failOn } = policy;
    const newOnly = policy.failOnScope === 'new';
    // An accepted (suppressed) finding stays reported but never counts; with fail-on-scope
    // new, nor does one still open from before (a finding with no history counts).
    return failOn === 'none'
        ? []
        : findings.filter((f) => f.suppression === null &&
            (0,model/* atLeast */.jZ)(f.severity, failOn) &&
            !(newOnly && f.history?.state === 'open'));
}
/**
 * The one decision of a run. Over the threshold fails; so does anything not assessed,
 * unless allowed, and even then the result is `incomplete`, never `pass`.
 */
function decide(findings, notAssessed, policy) {
    const counted = countedFindings(findings, policy).length;
    const maxSeverity = model/* SEVERITIES */.oC.find((s) => findings.some((f) => f.severity === s)) ?? 'none';
    const newOnly = policy.failOnScope === 'new';
    const historyRead = findings.every((f) => f.history !== null);
    const scope = policy.failOn === 'none'
        ? `${(0,src_text/* plural */.LS)(findings.length, 'finding')}; fail-on is none, so findings do not fail the run`
        : `${(0,src_text/* plural */.LS)(counted, newOnly && historyRead ? 'new finding' : 'finding')} at ${policy.failOn} or above, ${policy.maxFindings} tolerated (max-findings)${newOnly && !historyRead ? '; fail-on-scope is new, but no earlier run could be read, so every finding counts' : ''}`;
    const actions = [...new Set(notAssessed.map((n) => n.action))].join(', ');
    const accounts = notAssessed.filter((n) => n.subject === 'account').length;
    const principals = notAssessed.length - accounts;
    const what = [
        ...(accounts > 0 ? [(0,src_text/* plural */.LS)(accounts, 'account')] : []),
        ...(principals > 0 || accounts === 0 ? [(0,src_text/* plural */.LS)(principals, 'principal')] : []),
    ].join(' and ');
    const unassessed = `${what} not assessed (${actions})`;
    const remedy = notAssessed.every((n) => n.action.startsWith('iam:'))
        ? 'grant the missing IAM actions'
        : 'see what was not assessed and why';
    if (counted > policy.maxFindings) {
        const also = notAssessed.length > 0 ? `; also ${unassessed}` : '';
        return { result: 'fail', counted, maxSeverity, why: `${scope}${also}.` };
    }
    if (notAssessed.length > 0 && !policy.allowIncomplete) {
        return {
            result: 'fail',
            counted,
            maxSeverity,
            why: `Incomplete audit: ${unassessed}; ${remedy} or set allow-incomplete: true. ${scope}.`,
        };
    }
    if (notAssessed.length > 0) {
        return {
            result: 'incomplete',
            counted,
            maxSeverity,
            why: `Incomplete audit (allowed): ${unassessed}. ${scope}.`,
        };
    }
    return {
        result: 'pass',
        counted,
        maxSeverity,
        why: `${scope[0]?.toUpperCase() ?? ''}${scope.slice(1)}.`,
    };
}

;// CONCATENATED MODULE: ./src/audit-result.ts

/**
 * Each account with its findings and its own verdict; `findings` holds one list per
 * snapshot, in the same order.
 */
function accountAudits(snapshots, findings, policy) {
    const audit = (snapshot, i) => {
        const own = findings[i] ?? [];
        return { snapshot, findings: own, verdict: decide(own, snapshot.notAssessed, policy) };
    };
    const [first, ...rest] = snapshots;
    return [audit(first, 0), ...rest.map((s, i) => audit(s, i + 1))];
}
/** What a run could not read, over all its accounts. */
function notAssessedOf(accounts) {
    return accounts.flatMap((a) => a.snapshot.notAssessed);
}
/** The principals a run audited, over all its accounts. */
function principalCount(accounts) {
    return accounts.reduce((n, a) => n + a.snapshot.principals.length, 0);
}
/** The partition of a run's accounts (one run audits one partition). */
function partitionOf(accounts) {
    return accounts[0].snapshot.partition;
}
/** The run's only account, or null for a fleet of several. */
function soleAccount(accounts) {
    return accounts.length === 1 ? accounts[0].snapshot : null;
}
/** The account ids audited or asked for (a report of no user names none). */
function accountIds(accounts) {
    return accounts.flatMap((a) => (a.snapshot.accountId === null ? [] : [a.snapshot.accountId]));
}
/** What changed since the last run, over the open (not accepted) findings. */
function changes(result) {
    const open = result.findings.filter((f) => f.suppression === null);
    const state = (s) => open.filter((f) => f.history?.state === s).length;
    return {
        newOrReopened: state('new') + state('reopened'),
        reopened: state('reopened'),
        stillOpen: state('open'),
        fixed: result.fixed.length,
    };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(5175);
;// CONCATENATED MODULE: ./src/report/mistakes.ts
/**
 * Files that are not a credential report but are easily taken for one. Each gets one line
 * saying what the file looks like and how to get the report itself, instead of the CSV
 * parser's complaint about some line of it.
 */
const GET_THE_CSV = 'get the CSV with: aws iam get-credential-report --query Content --output text | base64 --decode > credential-report.csv';
/**
 * UTF-16 read as UTF-8: its byte order mark turns into two replacement characters, and
 * every other character of plain ASCII text is a NUL.
 */
const UTF16_AS_UTF8 = /^(?:\ufffd\ufffd)?(?:[^\0]\0){4}|^(?:\ufffd\ufffd)?(?:\0[^\0]){4}/u;
/** What the text looks like when it is a known mistake, else null. */
function recogniseMistake(text) {
    const body = text.replace(/^\ufeff/, '').trim();
    if (UTF16_AS_UTF8.test(body)) {
        return `this is UTF-16 text, not the UTF-8 CSV of a credential report; save it as UTF-8, or ${GET_THE_CSV}`;
    }
    if (body.includes('\u0000') || body.includes('\ufffd')) {
        return `this is not UTF-8 text (a compressed or binary file?), not the CSV of a credential report; ${GET_THE_CSV}`;
    }
    if (body.startsWith('{') || body.startsWith('[')) {
        return !hasContent(body)
            ? `this is JSON, not the CSV of a credential report; ${GET_THE_CSV}`
            : `this is the JSON that \`aws iam get-credential-report\` prints, with the report base64-encoded in its Content; ${GET_THE_CSV}`;
    }
    if (/^[A-Za-z0-9+/\r\n]{8,}={0,2}$/.test(body) && decodesToReport(body)) {
        return `this is the credential report base64-encoded (the Content of \`aws iam get-credential-report\`), not the CSV; decode it: ${GET_THE_CSV}`;
    }
    const header = body.split(/\r?\n/, 1)[0] ?? '';
    const separator = [';', '\t', '|'].find((s) => header.includes(s));
    if (!header.includes(',') && separator !== undefined) {
        const name = separator === '\t' ? 'tabs' : `"${separator}"`;
        return `the columns are separated by ${name}, not commas (a spreadsheet export?); a credential report is comma-separated: ${GET_THE_CSV}`;
    }
    return null;
}
/** Whether JSON text has a string `Content`, as `aws iam get-credential-report` prints. */
function hasContent(body) {
    try {
        const value = JSON.parse(body);
        return typeof value?.Content === 'string';
    }
    catch {
        return false;
    }
}
function decodesToReport(body) {
    const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    return /^\ufeff?user,/i.test(decoded);
}

;// CONCATENATED MODULE: ./src/report/credential-report.ts




/**
 * The most rows a report may have. IAM allows 5,000 users in an account and code scanning
 * takes 25,000 results in a run; a larger file is not a credential report of one account.
 */
const MAX_REPORT_ROWS = 20_000;
const REQUIRED = ['user', 'arn', 'user_creation_time', 'password_enabled', 'mfa_active'];
const ROOT_USER = '<root_account>';
const ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(?:(root)|user\/(?:[^/]+\/)*([^/]+))$/;
/** ISO 8601 as the report writes it: `2021-01-20T16:30:00+00:00` (fractions and Z allowed). */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
/** Columns the format documents as times; besides a time they hold one of these words. */
const TIME_COLUMNS = [
    'password_last_used',
    'password_last_changed',
    'password_next_rotation',
    'access_key_1_last_rotated',
    'access_key_1_last_used_date',
    'access_key_2_last_rotated',
    'access_key_2_last_used_date',
    'cert_1_last_rotated',
    'cert_2_last_rotated',
];
const NOT_A_TIME = new Set(['n/a', 'no_information', 'not_supported']);
/**
 * Parses a credential report (the CSV GetCredentialReport returns, or the console's
 * download). `source` names the report in error messages. Columns are found by header
 * name; a BOM and CRLF line endings are accepted. Anything that could make a user vanish
 * or appear twice is an error naming the line and column, never a guess.
 */
function parseCredentialReport(text, source) {
    const fail = (line, message) => {
        throw new errors/* ReportError */.$g(`${source}: line ${line}: ${message}`);
    };
    const mistake = recogniseMistake(text);
    if (mistake !== null)
        fail(1, mistake);
    const [header, ...body] = csvRows(text, fail);
    if (!header) {
        return fail(1, `no header; a credential report starts with the columns ${REQUIRED.join(', ')}`);
    }
    const names = header.fields.map((name) => name.trim().toLowerCase());
    const index = new Map();
    names.forEach((name, i) => {
        if (index.has(name)) {
            fail(1, `column ${quoted(name)} appears twice; a credential report names each column once`);
        }
        index.set(name, i);
    });
    for (const column of REQUIRED) {
        if (!index.has(column)) {
            fail(1, `missing column "${column}"; a credential report needs ${REQUIRED.join(', ')}`);
        }
    }
    if (body.length === 0) {
        fail(2, 'the report has a header but no rows; a credential report lists at least the root user');
    }
    const aws = names.slice(0, 3).join(',') === 'user,arn,user_creation_time';
    const firstLineOf = new Map();
    let account = null;
    const principals = body.map(({ fields: raw, line, lastLine }) => {
        const fields = raw.length === names.length
            ? raw
            : (aws && unquotedCommasRepaired(raw, names.length)) || fail(line, FIELD_COUNT_PROBLEM);
        fields.forEach((value, i) => {
            const control = src_text/* CONTROL_CHARACTER */.gW.exec(value)?.[0];
            if (control === undefined)
                return;
            const column = names[i] ?? `${i + 1}`;
            if (control === '\n' || control === '\r') {
                fail(line, `column ${column}: the value runs over lines ${line} to ${lastLine}: a quote opened on line ${line} is closed only on line ${lastLine}; ${QUOTING}`);
            }
            fail(line, `column ${column}: holds the control character ${(0,src_text/* visible */.RK)(control)}; a credential report has none`);
        });
        const cell = (column) => {
            const i = index.get(column);
            return i === undefined ? null : (fields[i]?.trim() ?? '');
        };
        const required = (column) => cell(column) ?? '';
        const bad = (column, value, accepted) => fail(line, `column ${column}: ${quoted(value)} is not accepted; use ${accepted}`);
        const user = required('user');
        if (user === '')
            fail(line, 'column user: empty; every row names its user');
        const isRoot = user === ROOT_USER;
        const arn = required('arn');
        const match = ARN.exec(arn);
        if (!match || (match[3] === 'root') !== isRoot) {
            bad('arn', arn, isRoot ? 'arn:PARTITION:iam::ACCOUNT:root' : 'arn:PARTITION:iam::ACCOUNT:user/NAME');
        }
        const [, partition = 'aws', accountId = '', , arnName] = match ?? [];
        if (!isRoot && arnName !== user) {
            fail(line, `column user: ${quoted(user)} is not the user the arn names (${quoted(arnName ?? '')}); a row's user is the last part of its arn`);
        }
        if (account === null)
            account = { id: accountId, partition };
        else if (accountId !== account.id || partition !== account.partition) {
            fail(line, `column arn: account ${partition}/${accountId} differs from ${account.partition}/${account.id} on the rows before; a report covers one account`);
        }
        const first = firstLineOf.get(arn);
        if (first !== undefined) {
            fail(line, `column arn: ${quoted(arn)} is listed again (first on line ${first}); a credential report lists each user once`);
        }
        firstLineOf.set(arn, line);
        const created = required('user_creation_time');
        if (!isTime(created))
            bad('user_creation_time', created, 'an ISO 8601 time such as 2021-01-20T16:30:00+00:00');
        for (const column of TIME_COLUMNS) {
            const value = cell(column);
            if (value !== null && !isTime(value) && !NOT_A_TIME.has(value.toLowerCase())) {
                bad(column, value, 'an ISO 8601 time, N/A, no_information or not_supported');
            }
        }
        const bool = (column, allowNotSupported) => {
            const value = cell(column);
            if (value === null)
                return null;
            const lower = value.toLowerCase();
            if (lower === 'true')
                return true;
            if (lower === 'false')
                return false;
            if (allowNotSupported && lower === 'not_supported')
                return null;
            return bad(column, value, allowNotSupported ? 'true, false or not_supported' : 'true or false');
        };
        const keys = [bool('access_key_1_active', false), bool('access_key_2_active', false)];
        return {
            kind: isRoot ? 'root' : 'user',
            name: isRoot ? 'root' : user,
            arn,
            createdAt: created,
            consolePassword: bool('password_enabled', isRoot),
            passwordLastUsed: lastUsed(cell('password_last_used')),
            mfaActive: bool('mfa_active', false) ?? false,
            mfaDevices: null, // the report has no device types
            accessKeysActive: keys.includes(true) ? true : keys.includes(false) ? false : null,
            reportLine: line,
        };
    });
    return { accountId: account?.id ?? null, partition: account?.partition ?? 'aws', principals };
}
/** The CSV's rows with the lines they span; at most the header and MAX_REPORT_ROWS rows. */
function csvRows(text, fail) {
    let lastRecordLine = 0;
    let records;
    try {
        records = (0,sync/* parse */.qg)(text, {
            bom: true,
            info: true,
            raw: true,
            skip_empty_lines: true,
            relax_column_count: true,
            on_record: (record, context) => {
                lastRecordLine = context.lines;
                if (context.records > MAX_REPORT_ROWS + 1) {
                    throw new errors/* ReportError */.$g(`more than ${MAX_REPORT_ROWS.toLocaleString('en-US')} rows: IAM allows at most 5,000 users in an account, and this audit reads reports of up to ${MAX_REPORT_ROWS.toLocaleString('en-US')} rows`);
                }
                return record;
            },
        });
    }
    catch (error) {
        if (error instanceof errors/* ReportError */.$g)
            return fail(lastRecordLine, error.message);
        if (error instanceof sync/* CsvError */.J$) {
            const { lines = 1 } = error;
            // A quote is only found wrong where it ends (or at the end of the file): point at
            // the line where the row it opened starts.
            if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
                return fail(lineOfQuoteAfter(text, lastRecordLine) ?? lines, 'a quoted value is never closed');
            }
            if (error.code === 'CSV_INVALID_CLOSING_QUOTE') {
                const opened = lineOfQuoteAfter(text, lastRecordLine) ?? lines;
                return fail(opened, `a quote opened on line ${opened} closes on line ${lines} in the middle of a value; ${QUOTING}`);
            }
            return fail(lines, csvProblem(error.code, error.message));
        }
        throw error;
    }
    return records.map(({ record, info, raw }) => {
        // `raw` starts with the empty lines skipped before the row; the rest is the row itself.
        const spans = (raw
            .replace(/^(?:\r?\n)+/, '')
            .replace(/\r?\n$/, '')
            .match(/\n/g) ?? []).length;
        return { fields: record, line: info.lines - spans, lastLine: info.lines };
    });
}
function isTime(value) {
    return ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
}
/** A value as the messages show it: quoted, control characters escaped, bounded. */
function quoted(value) {
    // JSON escapes the C0 controls; visible() the rest (DEL, C1, direction marks).
    return (0,src_text/* visible */.RK)(JSON.stringify((0,src_text/* bounded */.Mm)(value, 80)));
}
/** `no_information` means never used (or not since October 2014); `N/A` means no password. */
function lastUsed(raw) {
    if (raw === null)
        return null;
    const lower = raw.toLowerCase();
    if (lower === 'no_information')
        return 'never';
    if (lower === 'n/a' || lower === 'not_supported' || lower === '')
        return null;
    return raw;
}
/**
 * A row whose user name holds commas, written without quotes (IAM allows `,` in names and
 * paths), has extra fields. In AWS's column order they can be put back: the user runs up to
 * the field that starts the ARN, the ARN up to the creation time, and the ARN ends in the
 * user's name. Anything else stays an error.
 */
function unquotedCommasRepaired(fields, width) {
    if (fields.length <= width)
        return null;
    const arnStart = fields.findIndex((field, i) => i > 0 && field.startsWith('arn:'));
    const created = fields.findIndex((field, i) => i > arnStart && /^\d{4}-\d\d-\d\dT/.test(field));
    if (arnStart < 1 || created < 0)
        return null;
    const user = fields.slice(0, arnStart).join(',');
    const arn = fields.slice(arnStart, created).join(',');
    const repaired = [user, arn, ...fields.slice(created)];
    return repaired.length === width && arn.endsWith(`/${user}`) ? repaired : null;
}
/** The 1-based number of the first line after `line` that holds a quote. */
function lineOfQuoteAfter(text, line) {
    const index = text.split(/\r?\n/).findIndex((l, i) => i >= line && l.includes('"'));
    return index < 0 ? null : index + 1;
}
const QUOTING = 'a value is quoted whole, and a quote inside it is doubled ("")';
const FIELD_COUNT_PROBLEM = 'the row has a different number of fields than the header; quote values that contain commas';
function csvProblem(code, message) {
    switch (code) {
        case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
            return FIELD_COUNT_PROBLEM;
        default:
            return `not a valid CSV row (${message.replace(/ on line \d+| at line \d+/, '')})`;
    }
}

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/aws/aws-errors.ts


const DENIED = new Set([
    'AccessDenied',
    'AccessDeniedException',
    'UnauthorizedOperation',
    'NotAuthorized',
]);
const THROTTLED = new Set([
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
]);
/** Errors of the SDK's credential providers, which are thrown before any request is sent. */
const PROVIDER_ERRORS = new Set([
    'CredentialsProviderError',
    'ProviderError',
    'TokenProviderError',
]);
/**
 * An AWS answer the audit cannot use as it stands: a listing that repeats its page token or
 * runs past any real account's size, or an answer missing what it must hold. It is treated as
 * a failed call of `action`, never as data.
 */
class AnswerError extends Error {
    name = 'UnusableAnswer';
}
/**
 * True for an error that came out of an AWS SDK call: the SDK's middleware stamps every
 * error of a request (service errors, timeouts, refused connections) with `$metadata`, and its
 * credential providers throw errors of their own. Anything else caught around a call is a bug
 * in this program and must not pass for an AWS answer.
 */
function isAwsError(error) {
    if (!(error instanceof Error))
        return false;
    if (error instanceof AnswerError)
        return true;
    const metadata = error.$metadata;
    return (typeof metadata === 'object' && metadata !== null) || PROVIDER_ERRORS.has(error.name);
}
/** Rethrows what is not an AWS SDK error (a TypeError, say): it is a bug, not a denial. */
function rethrowUnlessAws(error) {
    if (!isAwsError(error))
        throw error;
}
/**
 * The AWS error code of an SDK error: `Code` where the SDK keeps it (its `name` is the
 * exception class, e.g. NoSuchEntityException for NoSuchEntity), else the name.
 */
function errorCode(error) {
    if (!(error instanceof Error))
        return 'UnknownError';
    const code = error.Code;
    return typeof code === 'string' && code !== '' ? code : error.name;
}
/** Errors of the network, not of AWS: nothing answered, or not in time. */
const UNREACHABLE = new Set([
    'TimeoutError',
    'EndpointUnreachable',
    'ETIMEDOUT',
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
]);
function failureKind(error) {
    const code = errorCode(error);
    const errno = error?.code;
    if (UNREACHABLE.has(code) || (typeof errno === 'string' && UNREACHABLE.has(errno))) {
        return 'unreachable';
    }
    if (DENIED.has(code))
        return 'denied';
    if (code === 'NoSuchEntity')
        return 'absent';
    if (THROTTLED.has(code))
        return 'throttled';
    return 'failed';
}
/** AWS's own words for a failure, on one line: `Code: message`. */
function awsMessage(error) {
    // The HTTP handler prefixes its own name to a timeout; the reader needs only what happened.
    const text = (error instanceof Error ? error.message : String(error)).replace(/^@smithy\/node-http-handler - \[ERROR\] /, '');
    const oneLine = (0,secrets/* redacted */.p)(text.replace(/\s+/g, ' ').trim());
    const message = (0,src_text/* bounded */.Mm)(oneLine, 500);
    const code = errorCode(error);
    return message === '' || message === code ? code : `${code}: ${message}`;
}
/** ` after N attempts (max-attempts)`, from the SDK's metadata; '' when it does not say. */
function attemptsUsed(error) {
    const attempts = error?.$metadata?.attempts;
    return typeof attempts === 'number' ? ` after ${(0,src_text/* plural */.LS)(attempts, 'attempt')} (max-attempts)` : '';
}
/** The endpoint a failed request went to, when the client noted it on the error. */
function endpointOf(error) {
    const endpoint = error?.endpoint;
    return typeof endpoint === 'string' ? endpoint : 'the AWS endpoint';
}
/** `(Code: message) after N attempts (max-attempts)`: AWS's words and the attempts used. */
function awsDetail(error) {
    return `(${awsMessage(error)})${attemptsUsed(error)}`;
}
/**
 * A principal (or the whole account) that could not be read because `action` failed, with the
 * consequence first when one is given. What is not an AWS error is thrown on.
 */
function notAssessedAfter(error, who, action, consequence) {
    rethrowUnlessAws(error);
    const reason = describeFailure(action, error);
    return {
        subject: who.subject,
        arn: who.arn,
        name: who.name,
        action,
        reason: consequence === undefined ? reason : `${consequence}: ${reason}`,
    };
}
/** One line for a failed call: what happened, AWS's own message, and the attempts used. */
function describeFailure(action, error) {
    const aws = awsDetail(error);
    switch (failureKind(error)) {
        case 'denied':
            return `${action} was denied ${aws}; add it to the policy of the credentials the audit uses`;
        case 'throttled':
            return `${action} was still throttled ${aws}`;
        case 'absent':
            return `${action}: the entity no longer exists ${aws}`;
        case 'unreachable':
            return `${action}: ${endpointOf(error)} is unreachable ${aws}; check the network, a proxy, or AWS_ENDPOINT_URL`;
        case 'failed':
            return `${action} failed ${aws}`;
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudtrail/dist-cjs/index.js
var dist_cjs = __webpack_require__(7392);
;// CONCATENATED MODULE: ./src/limits.ts
/**
 * How long each network step may wait, and how much it may read. Every wait is a total
 * deadline (an endpoint that drips one byte at a time gains nothing); the README's
 * reliability section gives the worst case of each step from these numbers.
 */
/** Each attempt of an AWS call (the SDK retries up to max-attempts). */
const AWS_LIMITS = {
    /** To open the connection. */
    connectMs: 3_000,
    /** From sending the request to the first byte of the answer, and between any two bytes. */
    firstByteMs: 5_000,
    /** From sending the request to the last byte of the answer. */
    answerMs: 10_000,
    /** The largest answer read: a credential report of 5,000 users is about 2 MiB. */
    answerBytes: 32 * 1024 * 1024,
    /** An endpoint with this many attempts in a row unanswered is not asked again in the run. */
    unansweredInARow: 3,
};
/**
 * CloudTrail's event history, read to bring a cached credential report up to date. Past
 * either bound the report is not trusted and every user is read instead.
 */
const LOOKUP_LIMITS = {
    /** Pages per event name: 5,000 events of one name, more than reading every user costs. */
    pagesPerEvent: 100,
    /** All lookups together, paced at 2 a second as CloudTrail allows. */
    totalMs: 60_000,
};
/** GitHub's OIDC token: each request, and the retries of a failed one. */
const OIDC_LIMITS = {
    requestMs: 5_000,
    answerBytes: 64 * 1024,
    attempts: 4,
};
/** A profile's credential_process: stopped (its process group killed) after this long. */
const CREDENTIAL_PROCESS_LIMITS = {
    ms: 30_000,
    outputBytes: 64 * 1024,
};
/** The code-scanning upload and the polls of its processing status. */
const UPLOAD_LIMITS = {
    /** Each upload request (its SARIF is at most 10 MB compressed, as GitHub takes it). */
    uploadMs: 20_000,
    /** Each status poll. */
    pollMs: 10_000,
    /** Attempts of a request that failed with 5xx, 429 or a broken connection. */
    attempts: 3,
    /** The largest answer read: GitHub's answers here are a few hundred bytes. */
    answerBytes: 1024 * 1024,
    /** How long processing is waited for in all. */
    processingMs: 120_000,
};
/** What code scanning knows of earlier runs: its alerts and the latest analysis. */
const HISTORY_LIMITS = {
    /** Each request. */
    requestMs: 10_000,
    /** All requests together, on the run's clock. */
    totalMs: 30_000,
    /** Pages of 100 alerts, or of 100 analyses. */
    pages: 50,
    /** A page of alerts or analyses. */
    answerBytes: 4 * 1024 * 1024,
    /** The latest analysis, as SARIF: code scanning takes at most 25,000 results in a run. */
    sarifBytes: 64 * 1024 * 1024,
};

;// CONCATENATED MODULE: ./src/aws/pages.ts

/**
 * Reads a listing page by page until it ends. An answer that gives a page token it gave
 * before, or more than `maxPages` pages, is refused (AnswerError): a listing never loops or
 * grows without end.
 */
async function eachPage(action, maxPages, read, nextToken, onPage) {
    const seen = new Set();
    let token;
    for (let pages = 1;; pages++) {
        const page = await read(token);
        onPage(page);
        token = nextToken(page);
        if (token === undefined)
            return;
        if (seen.has(token)) {
            throw new AnswerError(`${action} gave the same page token twice; its listing would never end`);
        }
        if (pages >= maxPages) {
            throw new AnswerError(`${action} gave more than ${maxPages} pages, more than any account has`);
        }
        seen.add(token);
    }
}
/** IAM's next page: its Marker while IsTruncated; more promised but no Marker is refused. */
function markerOf(action, page) {
    if (page.IsTruncated !== true)
        return undefined;
    if (!page.Marker)
        throw new AnswerError(`${action} said there is more but gave no Marker`);
    return page.Marker;
}

;// CONCATENATED MODULE: ./src/aws/changes.ts




/**
 * The IAM events that change whether an existing user's console password or MFA is there:
 * CreateLoginProfile, DeleteLoginProfile, EnableMFADevice and DeactivateMFADevice.
 * DeleteVirtualMFADevice is not looked up: an assigned device must be deactivated first.
 * Users created, deleted, renamed or moved are seen in iam:ListUsers, not in events.
 */
const CHANGE_EVENTS = [
    'CreateLoginProfile',
    'DeleteLoginProfile',
    'EnableMFADevice',
    'DeactivateMFADevice',
];
/** The only source whose events change IAM users; other services have a DeleteUser too. */
const IAM_SOURCE = 'iam.amazonaws.com';
/** The region where CloudTrail records IAM's (global) events, per partition. */
function iamEventsRegion(partition) {
    if (partition === 'aws-us-gov')
        return 'us-gov-west-1';
    if (partition === 'aws-cn')
        return 'cn-north-1';
    return 'us-east-1';
}
/** LookupEvents allows 2 requests per second per account and region. */
const LOOKUP_INTERVAL_MS = 500;
const PAGE_SIZE = 50;
/** CloudTrail records are at most 256 KB; a larger one is not a record. */
const MAX_RECORD_CHARS = 1024 * 1024;
/**
 * The users whose password or MFA CloudTrail's event history says may have changed from
 * `since` until now: one lookup per event name (LookupEvents takes one attribute), paged,
 * paced within its rate. Only IAM's own events of calls that succeeded count. An event whose
 * user cannot be told makes the whole answer unusable (ok: false), so the caller reads every
 * user instead of trusting a partial picture.
 */
async function changesSince(cloudtrail, since, deps) {
    const until = deps.now();
    const deadline = until.getTime() + LOOKUP_LIMITS.totalMs;
    const users = new Set();
    const seen = { ignored: 0, unusable: null };
    let first = true;
    try {
        for (const event of CHANGE_EVENTS) {
            await eachPage('cloudtrail:LookupEvents', LOOKUP_LIMITS.pagesPerEvent, async (NextToken) => {
                if (!first)
                    await deps.sleep(LOOKUP_INTERVAL_MS);
                first = false;
                if (deps.now().getTime() > deadline) {
                    throw new AnswerError(`cloudtrail:LookupEvents took more than ${LOOKUP_LIMITS.totalMs / 1000} s in all`);
                }
                return cloudtrail.send(new dist_cjs/* LookupEventsCommand */.nau({
                    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: event }],
                    StartTime: since,
                    EndTime: until,
                    MaxResults: PAGE_SIZE,
                    ...(NextToken === undefined ? {} : { NextToken }),
                }));
            }, (page) => (seen.unusable === null ? page.NextToken || undefined : undefined), (page) => {
                for (const record of page.Events ?? []) {
                    const read = changedUser(event, record);
                    if (read.kind === 'user')
                        users.add(read.name.toLowerCase());
                    else if (read.kind === 'ignored')
                        seen.ignored += 1;
                    else if (read.kind === 'unusable')
                        seen.unusable ??= read.why;
                }
            });
            if (seen.unusable !== null)
                return { ok: false, reason: seen.unusable };
        }
    }
    catch (error) {
        rethrowUnlessAws(error);
        return { ok: false, reason: describeFailure('cloudtrail:LookupEvents', error) };
    }
    return { ok: true, users, ignored: seen.ignored, since, until };
}
/**
 * The user an event changed, from its full record: `requestParameters.userName`, or, when
 * the caller acted on itself, the IAM user in `userIdentity`. An event of another service
 * or a call that failed changed nothing here.
 */
function changedUser(event, record) {
    const id = record.EventId ?? 'no id';
    const unusable = (what) => ({
        kind: 'unusable',
        why: `cloudtrail:LookupEvents returned a ${event} event (${id}) ${what}`,
    });
    const text = record.CloudTrailEvent ?? '';
    if (text.length > MAX_RECORD_CHARS)
        return unusable('larger than any CloudTrail record');
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return unusable('whose CloudTrailEvent is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null)
        return unusable('without a record');
    const detail = parsed;
    if (detail.eventSource !== IAM_SOURCE)
        return { kind: 'ignored' };
    if (detail.errorCode !== undefined && detail.errorCode !== null && detail.errorCode !== '') {
        return { kind: 'ignored' };
    }
    if (detail.eventName !== event)
        return unusable('whose record names another event');
    const named = detail.requestParameters?.userName;
    if (typeof named === 'string' && named !== '')
        return { kind: 'user', name: named };
    if (named !== undefined && named !== null)
        return unusable('whose userName is not a name');
    const caller = detail.userIdentity;
    if (caller?.type === 'IAMUser' && typeof caller.userName === 'string' && caller.userName !== '') {
        return { kind: 'user', name: caller.userName };
    }
    if (caller?.type === 'Root')
        return { kind: 'root' };
    return unusable('that names no user, by a caller that is not an IAM user');
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/aws/fetch-report.ts



/** Answers that mean "not ready yet, ask again". */
const NOT_READY = new Set([
    'ReportInProgress',
    'ReportNotPresent',
    'ReportExpired',
    'LimitExceeded',
    'LimitExceededException',
]);
/**
 * Asks AWS for a credential report and waits for it, at most `timeoutMs`. AWS reuses a
 * report under 4 hours old, so the report may be older than this run; the caller decides
 * what to bring up to date. Never throws for AWS errors: it says why there is no report.
 */
async function fetchCredentialReport(iam, timeoutMs, deps) {
    return (0,model/* tracked */.rX)(deps.progress, 'waiting for the credential report', null, () => poll(iam, timeoutMs, deps));
}
async function poll(iam, timeoutMs, deps) {
    const deadline = deps.now().getTime() + timeoutMs;
    let generatedByThisRun = false;
    // A new report is usually ready within a second: look again soon, then less often.
    let delay = 100;
    for (;;) {
        let action = 'iam:GenerateCredentialReport';
        try {
            const state = (await iam.send(new client_iam_dist_cjs/* GenerateCredentialReportCommand */.seh({}))).State;
            if (state === 'STARTED')
                generatedByThisRun = true;
            if (state === 'COMPLETE') {
                action = 'iam:GetCredentialReport';
                const answer = await iam.send(new client_iam_dist_cjs/* GetCredentialReportCommand */.DBo({}));
                if (!answer.Content || !answer.GeneratedTime) {
                    return { ok: false, reason: 'iam:GetCredentialReport returned no report' };
                }
                return {
                    ok: true,
                    report: {
                        text: Buffer.from(answer.Content).toString('utf8'),
                        generatedAt: answer.GeneratedTime,
                        generatedByThisRun,
                    },
                };
            }
        }
        catch (error) {
            rethrowUnlessAws(error);
            if (!NOT_READY.has(errorCode(error)))
                return { ok: false, reason: describeFailure(action, error) };
        }
        if (deps.now().getTime() + delay > deadline) {
            return {
                ok: false,
                reason: `the credential report was not ready within ${Math.round(timeoutMs / 1000)} s (report-timeout-seconds)`,
            };
        }
        await deps.sleep(delay);
        delay = Math.min(delay * 2, 5000);
    }
}

;// CONCATENATED MODULE: ./src/aws/root.ts



/**
 * The root user as GetAccountSummary tells it now: MFA, password and access keys. It
 * overrides what a (possibly stale) report's root row says; the row supplies the dates.
 * With `readsDevices`, a root with MFA also gets its devices as far as a role can see them
 * (ListVirtualMFADevices); one that cannot be read leaves root's devices not assessed.
 */
async function readRoot(iam, arn, fromReport, readsDevices) {
    let summary;
    try {
        summary = (await iam.send(new client_iam_dist_cjs/* GetAccountSummaryCommand */.zod({}))).SummaryMap ?? {};
    }
    catch (error) {
        return {
            ok: false,
            notAssessed: notAssessedAfter(error, { subject: 'principal', arn, name: 'root' }, 'iam:GetAccountSummary'),
        };
    }
    const flag = (key) => (key in summary ? summary[key] === 1 : null);
    const mfaActive = flag('AccountMFAEnabled') ?? fromReport?.mfaActive ?? false;
    let mfaDevices = null;
    const notAssessed = [];
    if (readsDevices && mfaActive) {
        try {
            mfaDevices = await rootDevices(iam, arn);
        }
        catch (error) {
            notAssessed.push(notAssessedAfter(error, { subject: 'principal', arn, name: 'root' }, 'iam:ListVirtualMFADevices', 'the kind of root’s MFA device is unknown'));
        }
    }
    return {
        ok: true,
        notAssessed,
        root: {
            kind: 'root',
            name: 'root',
            arn,
            createdAt: fromReport?.createdAt ?? null,
            consolePassword: flag('AccountPasswordPresent'),
            passwordLastUsed: fromReport?.passwordLastUsed ?? null,
            mfaActive,
            mfaDevices,
            accessKeysActive: flag('AccountAccessKeysPresent') ?? fromReport?.accessKeysActive ?? null,
            reportLine: null,
        },
    };
}
/**
 * Root's MFA devices as a role sees them: the virtual devices assigned to root
 * (ListVirtualMFADevices, by the device's user, or by the name the console once gave root's
 * device); when there is none, root's MFA is a hardware token or a FIDO key, which AWS does
 * not tell apart (Security Hub IAM.6 passes both).
 */
async function rootDevices(iam, rootArn) {
    const consoleSerial = rootArn.replace(/:root$/, ':mfa/root-account-mfa-device');
    const virtual = [];
    await eachPage('iam:ListVirtualMFADevices', 1000, (Marker) => iam.send(new client_iam_dist_cjs/* ListVirtualMFADevicesCommand */.oQ_({
        AssignmentStatus: 'Assigned',
        MaxItems: 1000,
        ...(Marker ? { Marker } : {}),
    })), (page) => markerOf('iam:ListVirtualMFADevices', page), (page) => {
        for (const device of page.VirtualMFADevices ?? []) {
            const serial = device.SerialNumber ?? null;
            if (device.User?.Arn === rootArn || serial === consoleSerial) {
                virtual.push({ kind: 'virtual', serial });
            }
        }
    });
    return virtual.length > 0 ? virtual : [{ kind: 'hardware-or-fido', serial: null }];
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/aws/user-state.ts






/** How many users are read at once: fast, and well within IAM's request rates. */
const CONCURRENCY = 8;
/**
 * Reads a user's console password and MFA state live: GetLoginProfile, then
 * ListMFADevices only when there is a password. A user deleted meanwhile has neither.
 */
async function readUserState(iam, user) {
    const noPassword = {
        ok: true,
        consolePassword: false,
        mfaActive: false,
        mfaDevices: [],
    };
    let action = 'iam:GetLoginProfile';
    try {
        const profile = await unlessAbsent(iam.send(new client_iam_dist_cjs/* GetLoginProfileCommand */.aZV({ UserName: user.name })));
        if (profile === null)
            return noPassword;
        action = 'iam:ListMFADevices';
        const devices = await unlessAbsent(iam.send(new client_iam_dist_cjs/* ListMFADevicesCommand */.UxV({ UserName: user.name })));
        if (devices === null)
            return noPassword;
        return {
            ok: true,
            consolePassword: true,
            mfaActive: (devices.MFADevices ?? []).length > 0,
            mfaDevices: devicesOf(devices),
        };
    }
    catch (error) {
        return {
            ok: false,
            notAssessed: notAssessedAfter(error, { subject: 'principal', ...user }, action),
        };
    }
}
/** The devices ListMFADevices lists, each with its kind. */
function devicesOf(answer) {
    return (answer.MFADevices ?? []).map((d) => {
        const serial = d.SerialNumber ?? '';
        return { kind: mfaKind(serial), serial: serial === '' ? null : serial };
    });
}
/** A device's kind from its serial number (ListMFADevices lists every kind). */
function mfaKind(serial) {
    if (/^arn:[^:]+:iam::\d+:u2f\//.test(serial))
        return 'fido';
    if (serial.startsWith('arn:'))
        return 'virtual';
    return 'hardware';
}
/** The answer, or null when the entity does not exist (NoSuchEntity); other errors propagate. */
async function unlessAbsent(answer) {
    try {
        return await answer;
    }
    catch (error) {
        if (failureKind(error) === 'absent')
            return null;
        throw error;
    }
}
/**
 * `read` for each item, CONCURRENCY at a time, results in input order; `onRead` is told of
 * each item read.
 */
async function eachLimited(items, read, onRead) {
    const limit = (0,p_limit/* default */.A)(CONCURRENCY);
    return Promise.all(items.map((item) => limit(async () => {
        const result = await read(item);
        onRead();
        return result;
    })));
}
/** readUserState for many users, CONCURRENCY at a time, results in input order. */
function readUserStates(iam, users, onRead) {
    return eachLimited(users, (user) => readUserState(iam, user), onRead);
}
/**
 * Every IAM user, page by page (iam:ListUsers). Throws the SDK's error when a page cannot be
 * read, and an AnswerError when the listing repeats a page or outgrows any account.
 */
async function listAllUsers(iam) {
    const users = [];
    await eachPage('iam:ListUsers', 1000, (Marker) => iam.send(new client_iam_dist_cjs/* ListUsersCommand */.A7W({ MaxItems: 1000, ...(Marker ? { Marker } : {}) })), (page) => markerOf('iam:ListUsers', page), (page) => {
        for (const u of page.Users ?? []) {
            if (!u.UserName || !u.Arn)
                continue;
            users.push({
                name: u.UserName,
                arn: u.Arn,
                createdAt: u.CreateDate ? (0,src_text/* isoSecond */.u$)(u.CreateDate) : null,
                passwordLastUsed: u.PasswordLastUsed?.toISOString() ?? null,
            });
        }
        if (users.length > MAX_REPORT_ROWS) {
            throw new AnswerError(`iam:ListUsers listed more than ${MAX_REPORT_ROWS.toLocaleString('en-US')} users; IAM allows 5,000 in an account`);
        }
    });
    return users;
}
/**
 * Each principal's MFA devices (ListMFADevices, CONCURRENCY at a time), by ARN; one that
 * cannot be read is not assessed.
 */
async function readMfaDevices(iam, principals, onRead) {
    const read = async (user) => {
        try {
            const answer = await iam.send(new client_iam_dist_cjs/* ListMFADevicesCommand */.UxV({ UserName: user.name }));
            return { ok: true, devices: devicesOf(answer) };
        }
        catch (error) {
            return {
                ok: false,
                notAssessed: notAssessedAfter(error, { subject: 'principal', ...user }, 'iam:ListMFADevices'),
            };
        }
    };
    return new Map(await eachLimited(principals, async (p) => [p.arn, await read(p)], onRead));
}

;// CONCATENATED MODULE: ./src/aws/collect-live.ts








/**
 * Reads the live account: the credential report when it can be had (a cached one reconciled
 * with the users listed now and the IAM changes since), or user by user when it cannot; then
 * root from the account summary. What could not be read is listed as not assessed, never left
 * out silently.
 */
async function collectLive(deps, settings) {
    const { caller } = deps;
    const rootArn = (0,model/* rootArnOf */.zT)(caller.partition, caller.accountId);
    deps.log('Requesting the IAM credential report…');
    const attempt = await fetchCredentialReport(deps.iam, settings.reportTimeoutSeconds * 1000, deps);
    const read = attempt.ok ? readReport(attempt.report) : attempt;
    const reportRoot = read.ok ? read.parsed.principals.find((p) => p.kind === 'root') : undefined;
    let source;
    let users;
    let verification = null;
    if (read.ok && read.report.generatedByThisRun) {
        // A report this run caused to be generated is as current as the run.
        source = liveReport(read.report);
        users = {
            principals: read.parsed.principals.filter((p) => p.kind === 'user'),
            notAssessed: [],
        };
    }
    else {
        // A cached report is trusted only for the users that exist now: they are listed first.
        const listing = await listUsers(deps, rootArn);
        let cached;
        if (!read.ok)
            cached = read;
        else if (listing.ok)
            cached = await reconcile(deps, read.report, read.parsed, listing.users);
        else {
            cached = {
                ok: false,
                reason: `the report AWS returned is cached, and the users it lists could not be checked against the account (${listing.notAssessed.reason})`,
            };
        }
        if (cached.ok) {
            source = liveReport(cached.report);
            ({ users, verification } = cached);
        }
        else {
            deps.log(`No usable credential report (${cached.reason}): reading users one by one…`);
            source = { kind: 'live-enumeration', reason: cached.reason };
            users = listing.ok
                ? await assess(deps, listing.users)
                : { principals: [], notAssessed: [listing.notAssessed] };
        }
    }
    if (settings.readsMfaDevices)
        users = await withMfaDevices(deps, users);
    const notes = [];
    const principals = [...users.principals];
    const notAssessed = [...users.notAssessed];
    let centralRootCredentials = null;
    if (settings.auditsRoot(caller.partition)) {
        const root = await readRoot(deps.iam, rootArn, reportRoot, settings.readsMfaDevices);
        if (root.ok) {
            principals.unshift(root.root);
            notAssessed.push(...root.notAssessed);
            if ((0,model/* withoutCredentials */.ri)(root.root) && !root.root.mfaActive) {
                centralRootCredentials = await deps.centralRootCredentials();
                notes.push(centralRootCredentials.confirmed
                    ? `The root user has no password, no access keys and no MFA, and is not a finding: AWS Organizations (${centralRootCredentials.organizationId}) manages the root credentials of this member account centrally (RootCredentialsManagement, iam:ListOrganizationsFeatures), so no password can be recovered by email.`
                    : `The root user has no password, no access keys and no MFA: a medium finding, since a password can be recovered by email and central management of root credentials by AWS Organizations is not confirmed (${centralRootCredentials.reason}).`);
            }
        }
        else {
            notAssessed.push(root.notAssessed);
        }
    }
    return {
        accountId: caller.accountId,
        partition: caller.partition,
        source,
        principals,
        notAssessed,
        verification,
        centralRootCredentials,
        notes,
    };
}
function liveReport(report) {
    return {
        kind: 'live-report',
        generatedAt: report.generatedAt,
        generatedByThisRun: report.generatedByThisRun,
    };
}
/** Reads the MFA devices of every console user with MFA whose devices are not known yet. */
async function withMfaDevices(deps, users) {
    const unknown = users.principals.filter((p) => p.consolePassword === true && p.mfaActive && p.mfaDevices === null);
    const devices = await (0,model/* tracked */.rX)(deps.progress, 'users’ MFA devices read', unknown.length, (onRead) => readMfaDevices(deps.iam, unknown, onRead));
    const notAssessed = [...users.notAssessed];
    const principals = users.principals.map((p) => {
        const read = devices.get(p.arn);
        if (read === undefined)
            return p;
        if (!read.ok) {
            notAssessed.push(read.notAssessed);
            return p;
        }
        return { ...p, mfaDevices: read.devices };
    });
    return { principals, notAssessed };
}
/** The fetched report, parsed; a report the parser rejects sends the audit user by user. */
function readReport(report) {
    try {
        const parsed = parseCredentialReport(report.text, 'the credential report from iam:GetCredentialReport');
        return { ok: true, report, parsed };
    }
    catch (error) {
        if (!(error instanceof errors/* ReportError */.$g))
            throw error;
        return { ok: false, reason: `the credential report could not be read (${error.message})` };
    }
}
/** A user read live; what the live reads do not tell comes from its report row, if any. */
function principalFrom(user, state, reportRow) {
    return {
        kind: 'user',
        name: user.name,
        arn: user.arn,
        createdAt: user.createdAt,
        consolePassword: state.consolePassword,
        passwordLastUsed: state.consolePassword ? (user.passwordLastUsed ?? 'never') : null,
        mfaActive: state.mfaActive,
        // Without a password the devices are not read: unknown, not none.
        mfaDevices: state.consolePassword ? state.mfaDevices : null,
        // The live reads do not look at access keys: the report's word, or unknown.
        accessKeysActive: reportRow?.accessKeysActive ?? null,
        reportLine: reportRow?.reportLine ?? null,
    };
}
/**
 * Reads users' live state; those that cannot be read are not assessed. What the live reads do
 * not tell comes from a user's report row, when `rows` has one for its ARN.
 */
async function assess(deps, refs, rows = new Map()) {
    const states = await (0,model/* tracked */.rX)(deps.progress, 'users read', refs.length, (onRead) => readUserStates(deps.iam, refs, onRead));
    const principals = [];
    const notAssessed = [];
    refs.forEach((ref, i) => {
        const state = states[i];
        if (state?.ok)
            principals.push(principalFrom(ref, state, rows.get(ref.arn)));
        else if (state)
            notAssessed.push(state.notAssessed);
    });
    return { principals, notAssessed };
}
/** Every user as iam:ListUsers lists it now, or the account not assessed when it cannot. */
async function listUsers(deps, rootArn) {
    try {
        return { ok: true, users: await listAllUsers(deps.iam) };
    }
    catch (error) {
        const account = { subject: 'account', arn: rootArn, name: 'account' };
        return {
            ok: false,
            notAssessed: notAssessedAfter(error, account, 'iam:ListUsers', 'no user could be listed'),
        };
    }
}
/** CloudTrail's event history keeps 90 days of management events. */
const EVENT_HISTORY_MS = 90 * 24 * 60 * 60_000;
/**
 * Changes made this long before the run are taken as delivered: CloudTrail delivers within
 * about 5 minutes on average, without a guarantee.
 */
const DELIVERY_MS = 15 * 60_000;
/** Whether two times fall in the same second (the report and IAM both count whole seconds). */
function sameSecond(a, b) {
    if (a === null || b === null)
        return false;
    const [x, y] = [Date.parse(a), Date.parse(b)];
    return !Number.isNaN(x) && Math.floor(x / 1000) === Math.floor(y / 1000);
}
/**
 * A report AWS returned from its cache, brought up to date. The users are those listed now:
 * one the report has, created in the same second, keeps its row unless CloudTrail recorded a
 * change of its password or MFA since; every other one (created, renamed, moved or re-created
 * since, or changed) is read live. Rows of users no longer listed are dropped. No event drops
 * or adds a user. When the events cannot be read, there is no usable report.
 */
async function reconcile(deps, report, parsed, listed) {
    const now = deps.now().getTime();
    const ageMinutes = Math.round((now - report.generatedAt.getTime()) / 60_000);
    // From a little before the report's GeneratedTime: clocks and delivery differ.
    const since = new Date(report.generatedAt.getTime() - model/* CLOCK_SKEW_MS */.rn);
    if (now - since.getTime() > EVENT_HISTORY_MS) {
        return {
            ok: false,
            reason: `the report AWS returned is ${ageMinutes} minutes old, older than the 90 days of CloudTrail's event history, so the changes since cannot be read`,
        };
    }
    deps.log(`The report AWS returned is ${ageMinutes} minutes old: checking it against the ${listed.length} users listed now and the IAM changes CloudTrail recorded since…`);
    const changes = await changesSince(deps.cloudtrail, since, deps);
    if (!changes.ok) {
        return {
            ok: false,
            reason: `the report AWS returned is ${ageMinutes} minutes old and could not be brought up to date (${changes.reason}); granting cloudtrail:LookupEvents spares reading every user`,
        };
    }
    const rows = new Map(parsed.principals.filter((p) => p.kind === 'user').map((p) => [p.arn, p]));
    const toRead = [];
    const sameUser = new Map();
    let createdSince = 0;
    for (const user of listed) {
        const row = rows.get(user.arn);
        if (row === undefined || !sameSecond(row.createdAt, user.createdAt)) {
            createdSince += 1;
            toRead.push(user);
            continue;
        }
        sameUser.set(user.arn, row);
        if (changes.users.has(user.name.toLowerCase()))
            toRead.push(user);
    }
    const live = await assess(deps, toRead, sameUser);
    const readLive = new Map(live.principals.map((p) => [p.arn, p]));
    const unread = new Set(toRead.map((u) => u.arn));
    // In the order listed; a user read live replaces its row, one that could not be read is
    // not assessed (and has no row to fall back on).
    const principals = listed.flatMap((u) => {
        const p = unread.has(u.arn) ? readLive.get(u.arn) : sameUser.get(u.arn);
        return p === undefined ? [] : [p];
    });
    const listedArns = new Set(listed.map((u) => u.arn));
    return {
        ok: true,
        report,
        users: { principals, notAssessed: live.notAssessed },
        verification: {
            reportAgeMinutes: ageMinutes,
            changesSince: changes.since.toISOString(),
            changesUntil: changes.until.toISOString(),
            changesCertainUntil: new Date(changes.until.getTime() - DELIVERY_MS).toISOString(),
            listed: listed.length,
            readLive: toRead.length,
            createdSince,
            deletedSince: [...rows.keys()].filter((arn) => !listedArns.has(arn)).length,
            eventsIgnored: changes.ignored,
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-organizations/dist-cjs/index.js
var client_organizations_dist_cjs = __webpack_require__(2503);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
;// CONCATENATED MODULE: ./src/aws/credentials.ts





/**
 * GitHub's token endpoint answers 429 and 5xx in bad moments, and a request may time out; a
 * 4xx other than 429 is final.
 */
function isTransientTokenError(error) {
    const status = /Error Code : (\w+)/.exec(error.message)?.[1];
    return (status === undefined || status === 'undefined' || status === '429' || status.startsWith('5'));
}
/**
 * Stops before any AWS call when the runner offers no OIDC token, which every role this
 * action assumes needs.
 */
function requireOidcToken(deps, input = 'role-to-assume') {
    if (!deps.idTokenOffered) {
        throw new errors/* AwsAccessError */.Eo(`${input} is set but GitHub offered no OIDC token: add \`permissions: id-token: write\` to the workflow or job (a pull request from a fork never gets one).`);
    }
}
/**
 * Exchanges GitHub's OIDC token for the role's temporary credentials. The token fetch is
 * retried with jittered backoff; STS calls use the client's own adaptive retry. Every
 * secret is masked before anything else can print it.
 */
async function assumeRoleWithOidc(role, options, sts, deps) {
    requireOidcToken(deps);
    let token;
    try {
        // Each attempt is a request of its own, bounded in time (fetchIdToken).
        token = await (0,p_retry/* default */.A)(() => deps.getIdToken(options.audience), {
            retries: OIDC_LIMITS.attempts - 1,
            minTimeout: 500,
            maxTimeout: 4000,
            randomize: true,
            shouldRetry: isTransientTokenError,
        });
    }
    catch (error) {
        const detail = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
        throw new errors/* AwsAccessError */.Eo(`could not get GitHub's OIDC token for audience ${options.audience}: ${detail}`);
    }
    deps.setSecret(token);
    let answer;
    try {
        answer = await sts.send(new client_sts_dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH({
            RoleArn: role,
            RoleSessionName: options.roleSessionName,
            DurationSeconds: options.roleDurationSeconds,
            WebIdentityToken: token,
        }));
    }
    catch (error) {
        rethrowUnlessAws(error);
        const aws = awsDetail(error);
        if (failureKind(error) === 'denied' || errorCode(error) === 'InvalidIdentityToken') {
            throw new errors/* AwsAccessError */.Eo(`Not authorized to assume ${role} with GitHub's OIDC token ${aws}: check the role's trust policy — federated principal token.actions.githubusercontent.com, ` +
                `"token.actions.githubusercontent.com:aud" = "${options.audience}", and a "token.actions.githubusercontent.com:sub" that matches this repository ` +
                '(repositories created or renamed since July 2026 send repo:OWNER@OWNER_ID/REPO@REPO_ID:…, not repo:OWNER/REPO:…).');
        }
        throw new errors/* AwsAccessError */.Eo(`sts:AssumeRoleWithWebIdentity for ${role} failed ${aws}.`);
    }
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
        throw new errors/* AwsAccessError */.Eo(`sts:AssumeRoleWithWebIdentity for ${role} returned no credentials.`);
    }
    for (const secret of [c.AccessKeyId, c.SecretAccessKey, c.SessionToken])
        deps.setSecret(secret);
    return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
}
/** A token this close to its expiry is not used for a new role session. */
const TOKEN_REUSE_MARGIN_MS = 60_000;
/**
 * GitHub's OIDC token fetched once per audience and reused for each role assumed, until it
 * is within a minute of its expiry (its `exp` claim); then a new one is fetched. A token
 * whose expiry cannot be read is never reused.
 */
function reuseIdToken(getIdToken, now) {
    const held = new Map();
    const fetch = (audience) => {
        const pending = getIdToken(audience).then((token) => ({ token, expiresAt: expiryOf(token) }));
        held.set(audience, pending);
        // A failed fetch is not kept: the next account asks again.
        pending.catch(() => {
            if (held.get(audience) === pending)
                held.delete(audience);
        });
        return pending;
    };
    return async (audience) => {
        const entry = held.get(audience);
        // The first to ask fetches; those asking meanwhile wait for the same token.
        if (entry === undefined)
            return (await fetch(audience)).token;
        const value = await entry.catch(() => null);
        if (value && value.expiresAt - now().getTime() > TOKEN_REUSE_MARGIN_MS)
            return value.token;
        // Stale or failed: the first to notice fetches a new one for everyone.
        const next = held.get(audience) === entry ? fetch(audience) : (held.get(audience) ?? fetch(audience));
        return (await next).token;
    };
}
/** A JWT's `exp` in milliseconds since the epoch; 0 when it cannot be read. */
function expiryOf(token) {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
    }
    catch {
        return 0;
    }
}

// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
// EXTERNAL MODULE: ./node_modules/http-proxy-agent/dist/index.js
var dist = __webpack_require__(8947);
// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js + 1 modules
var https_proxy_agent_dist = __webpack_require__(1566);
// EXTERNAL MODULE: ./node_modules/proxy-from-env/index.js
var proxy_from_env = __webpack_require__(8182);
;// CONCATENATED MODULE: ./src/io/proxy.ts

/**
 * The proxy a request to `url` goes through, as the runner's and curl's variables say:
 * HTTPS_PROXY or HTTP_PROXY by the URL's scheme, none for a host NO_PROXY names; null for a
 * direct request. Self-hosted runners behind a proxy set these, and configure-aws-credentials
 * honours them the same way.
 */
function proxyFor(url) {
    const proxy = (0,proxy_from_env/* getProxyForUrl */.T)(url);
    return proxy === '' ? null : proxy;
}

;// CONCATENATED MODULE: ./src/aws/http.ts






/** The SDK's own bounds on connecting and on silence; each attempt's total one is added. */
const TIMEOUTS = {
    connectionTimeout: AWS_LIMITS.connectMs,
    requestTimeout: AWS_LIMITS.firstByteMs,
    throwOnRequestTimeout: true,
    socketTimeout: AWS_LIMITS.firstByteMs,
};
/** Connection errors that say nothing answered: counted against the endpoint. */
const NO_ANSWER = new Set(['TimeoutError', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/**
 * Attempts in a row, by endpoint, that got no complete answer. Shared by every client of the
 * run, so that one endpoint that does not answer costs each account nothing once it is known.
 */
const unanswered = new Map();
/**
 * The SDK's HTTP handler with a total deadline on each attempt, from sending the request to
 * the last byte of the answer, and a bound on the answer's size. The SDK's own timers only
 * bound the wait for the first byte and the time between bytes: an endpoint that sends one
 * byte a second would hold an attempt without end. An endpoint that gave no complete answer
 * AWS_LIMITS.unansweredInARow times in a row is not asked again in this run: its calls fail
 * at once, as unreachable, without retries. A request goes through the proxy the
 * environment names for its endpoint (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), if any.
 */
class BoundedHttpHandler extends node_http_handler_dist_cjs.NodeHttpHandler {
    /** A handler through each proxy the requests of this run were sent through. */
    viaProxy = new Map();
    constructor() {
        super(TIMEOUTS);
    }
    /** The handler for a request to `endpoint`: this one, or one through its proxy. */
    handlerFor(endpoint) {
        const proxy = proxyFor(endpoint);
        if (proxy === null)
            return null;
        let handler = this.viaProxy.get(proxy);
        if (handler === undefined) {
            handler = new node_http_handler_dist_cjs.NodeHttpHandler({
                ...TIMEOUTS,
                httpAgent: new dist/* HttpProxyAgent */.s(proxy),
                httpsAgent: new https_proxy_agent_dist/* HttpsProxyAgent */.b(proxy),
            });
            this.viaProxy.set(proxy, handler);
        }
        return handler;
    }
    async handle(request, options = {}) {
        const endpoint = `${request.protocol}//${request.hostname}:${request.port ?? ''}`;
        if ((unanswered.get(endpoint) ?? 0) >= AWS_LIMITS.unansweredInARow) {
            throw Object.assign(new Error(`gave no complete answer ${AWS_LIMITS.unansweredInARow} times in a row, so it is not asked again in this run`), { name: 'EndpointUnreachable' });
        }
        const deadline = new AbortController();
        const late = Object.assign(new Error(`no complete answer within ${AWS_LIMITS.answerMs / 1000} s`), { name: 'TimeoutError' });
        const timer = setTimeout(() => {
            deadline.abort(late);
        }, AWS_LIMITS.answerMs);
        const caller = options.abortSignal;
        const forward = () => {
            deadline.abort(caller?.reason);
        };
        caller?.addEventListener('abort', forward, { once: true });
        try {
            const via = this.handlerFor(endpoint);
            const signal = { abortSignal: deadline.signal };
            const answer = await (via === null
                ? super.handle(request, signal)
                : via.handle(request, signal));
            answer.response.body = await bodyOf(answer.response.body, deadline.signal);
            unanswered.delete(endpoint);
            return answer;
        }
        catch (error) {
            const thrown = deadline.signal.reason === late ? late : error;
            const name = thrown.name;
            const code = thrown.code;
            if (NO_ANSWER.has(String(name)) || NO_ANSWER.has(String(code))) {
                unanswered.set(endpoint, (unanswered.get(endpoint) ?? 0) + 1);
            }
            throw thrown;
        }
        finally {
            clearTimeout(timer);
            caller?.removeEventListener('abort', forward);
        }
    }
}
/** The whole answer, read before `signal` aborts and refused past AWS_LIMITS.answerBytes. */
async function bodyOf(body, signal) {
    const stop = () => {
        body.destroy(signal.reason);
    };
    if (signal.aborted)
        stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
        const chunks = [];
        let size = 0;
        for await (const chunk of body) {
            const bytes = chunk;
            size += bytes.length;
            if (size > AWS_LIMITS.answerBytes) {
                body.destroy();
                throw new AnswerError(`an answer of more than ${AWS_LIMITS.answerBytes / 1024 / 1024} MiB, larger than any AWS answer this audit reads`);
            }
            chunks.push(bytes);
        }
        return Buffer.concat(chunks);
    }
    finally {
        signal.removeEventListener('abort', stop);
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js
var credential_provider_node_dist_cjs = __webpack_require__(5861);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/config/index.js
var config = __webpack_require__(7291);
;// CONCATENATED MODULE: ./src/aws/profile.ts





/** Keys that make the SDK use something other than the profile's credential_process. */
const BEFORE_PROCESS = [
    'role_arn',
    'web_identity_token_file',
    'aws_access_key_id',
    'sso_session',
    'sso_start_url',
];
/**
 * The credentials of a named profile of the shared AWS config, as the SDK resolves them, with
 * three differences: a profile that is in neither file is named as such; a profile whose
 * credentials come from its credential_process runs it within a deadline and stops it (its
 * whole process group) past it; and a file the profile names that cannot be read is said to
 * be the profile's, not taken for a bug.
 */
function profileCredentials(profile) {
    return async () => {
        const profiles = await (0,config.parseKnownFiles)({});
        const section = profiles[profile];
        if (section === undefined) {
            throw new errors/* AwsAccessError */.Eo(`profile ${JSON.stringify(profile)} is in neither the shared config file nor the credentials file (AWS_CONFIG_FILE, default ~/.aws/config; AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials); name a profile defined there.`);
        }
        const command = section.credential_process;
        if (command !== undefined && !BEFORE_PROCESS.some((key) => section[key] !== undefined)) {
            return credentialProcess(profile, command);
        }
        try {
            return await (0,credential_provider_node_dist_cjs.defaultProvider)({ profile })();
        }
        catch (error) {
            // The SDK's own provider errors say what is missing; anything else (a token file that
            // is not there) is the profile's problem all the same.
            if (error instanceof Error && error.name === 'CredentialsProviderError')
                throw error;
            throw new errors/* AwsAccessError */.Eo(`profile ${JSON.stringify(profile)} gave no credentials: ${(0,errors/* describeError */.Uc)(error)}; check the files and commands the profile names.`);
        }
    };
}
/**
 * Runs a credential_process as the SDK does (through the shell), waiting at most
 * CREDENTIAL_PROCESS_LIMITS.ms for it to end, and reads its JSON (Version 1).
 */
async function credentialProcess(profile, command) {
    const named = `profile ${JSON.stringify(profile)}: credential_process`;
    const output = await runBounded(command).catch((why) => {
        throw new errors/* AwsAccessError */.Eo(`${named} ${why instanceof Error ? why.message : String(why)}; check the command the profile names.`);
    });
    let data;
    try {
        data = JSON.parse(output);
    }
    catch {
        data = {};
    }
    const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration } = data;
    if (Version !== 1 || typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
        throw new errors/* AwsAccessError */.Eo(`${named} printed no credentials: expected JSON with "Version": 1, "AccessKeyId" and "SecretAccessKey".`);
    }
    const expiration = typeof Expiration === 'string' ? new Date(Expiration) : undefined;
    if (expiration !== undefined && !(expiration.getTime() > Date.now())) {
        throw new errors/* AwsAccessError */.Eo(`${named} printed credentials that expired at ${String(Expiration)}.`);
    }
    return {
        accessKeyId: AccessKeyId,
        secretAccessKey: SecretAccessKey,
        ...(typeof SessionToken === 'string' ? { sessionToken: SessionToken } : {}),
        ...(expiration === undefined ? {} : { expiration }),
    };
}
/**
 * The command's standard output once it exits 0. Rejects with the reason in words when it
 * exits otherwise, prints too much, or is still running at the deadline: then it and every
 * process it started are killed.
 */
function runBounded(command) {
    const { ms, outputBytes } = CREDENTIAL_PROCESS_LIMITS;
    const ownGroup = process.platform !== 'win32';
    const child = (0,external_node_child_process_.spawn)(command, {
        shell: true,
        detached: ownGroup,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
    });
    const kill = () => {
        try {
            if (ownGroup && child.pid !== undefined)
                process.kill(-child.pid, 'SIGKILL');
            else
                child.kill('SIGKILL');
        }
        catch {
            // already gone
        }
    };
    return new Promise((resolve, reject) => {
        const out = [];
        const err = [];
        let size = 0;
        const fail = (why) => {
            clearTimeout(timer);
            kill();
            child.stdout.destroy();
            child.stderr.destroy();
            reject(new Error(why));
        };
        const timer = setTimeout(() => {
            fail(`did not finish within ${ms / 1000} s and was stopped`);
        }, ms);
        const take = (into) => (chunk) => {
            size += chunk.length;
            if (size > outputBytes)
                fail(`printed more than ${outputBytes / 1024} KiB and was stopped`);
            else
                into.push(chunk);
        };
        child.stdout.on('data', take(out));
        child.stderr.on('data', take(err));
        child.on('error', (error) => {
            fail(`could not be started (${error.message})`);
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            if (code === 0) {
                resolve(Buffer.concat(out).toString('utf8'));
                return;
            }
            const said = Buffer.concat(err).toString('utf8').trim().split('\n', 1)[0] ?? '';
            const how = signal === null ? `exited with status ${code ?? '?'}` : `was killed by ${signal}`;
            reject(new Error(`${how}${said === '' ? '' : ` (${said})`}`));
        });
    });
}

// EXTERNAL MODULE: ./src/version.ts + 1 modules
var src_version = __webpack_require__(1013);
;// CONCATENATED MODULE: ./src/aws/connect.ts











/**
 * Signs in and proves it: IAM, STS and CloudTrail clients signed by the role assumed with
 * GitHub's OIDC token, or by the SDK's default credential chain (or a named profile), and the
 * account they act in. Endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL,
 * …_IAM, …_STS, …_CLOUDTRAIL).
 */
async function connect(settings, deps, role) {
    const signed = await signIn(settings, deps, role);
    const source = credentialSource(settings, role);
    const caller = await identify(namingEndpoints(new client_sts_dist_cjs/* STSClient */.iM(signed)), source);
    const allowed = settings.allowedAccountIds;
    if (allowed.length > 0 && !allowed.includes(caller.accountId)) {
        throw new errors/* AwsAccessError */.Eo(`the credentials from ${source} are for account ${caller.accountId}, which allowed-account-ids does not list (${allowed.join(', ')}); nothing was audited. Use credentials of a listed account, or list this one.`);
    }
    const region = iamEventsRegion(caller.partition);
    return {
        iam: namingEndpoints(new client_iam_dist_cjs/* IAMClient */.h8v(signed)),
        cloudtrail: namingEndpoints(new dist_cjs/* CloudTrailClient */.Vsm({ ...signed, region })),
        organizations: namingEndpoints(new client_organizations_dist_cjs/* OrganizationsClient */.gnq({ ...signed, region })),
        caller,
    };
}
/**
 * Organizations and IAM clients signed by the organization's role, in the partition's
 * Organizations region.
 */
async function connectOrganization(settings, deps, role, partition) {
    const signed = await signIn(settings, deps, role);
    return {
        organizations: namingEndpoints(new client_organizations_dist_cjs/* OrganizationsClient */.gnq({ ...signed, region: iamEventsRegion(partition) })),
        iam: namingEndpoints(new client_iam_dist_cjs/* IAMClient */.h8v(signed)),
    };
}
/** The clients' configuration, signed by `role` assumed with GitHub's OIDC token if given. */
async function signIn(settings, deps, role) {
    const config = {
        region: settings.region,
        maxAttempts: settings.maxAttempts,
        retryMode: 'adaptive',
        // Without a total deadline an endpoint that accepts a connection and never answers, or
        // answers a byte at a time, holds the run for the SDK's socket timeout or without end.
        requestHandler: new BoundedHttpHandler(),
        // CloudTrail records it with every call: an account's owner can tell the audit's calls.
        customUserAgent: [[src_version/* TOOL_NAME */.lH, src_version/* VERSION */.xv]],
        ...(settings.profile === null ? {} : { credentials: profileCredentials(settings.profile) }),
    };
    if (role === null)
        return config;
    return {
        ...config,
        credentials: await assumeRoleWithOidc(role, settings, namingEndpoints(new client_sts_dist_cjs/* STSClient */.iM(config)), deps),
    };
}
/** Notes the endpoint a failed request went to on its error, so messages can name it. */
function endpointInErrors() {
    return (next) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            const request = args.request;
            if (error instanceof Error && request.hostname) {
                const port = request.port === undefined ? '' : `:${request.port}`;
                const endpoint = `${request.protocol ?? 'https:'}//${request.hostname}${port}`;
                Object.assign(error, { endpoint });
            }
            throw error;
        }
    };
}
const ENDPOINT_IN_ERRORS = { step: 'build', name: 'iamMfaAuditEndpointInErrors' };
/** The client, made to note on each failed request's error the endpoint it went to. */
function namingEndpoints(client) {
    client.middlewareStack.add(endpointInErrors(), ENDPOINT_IN_ERRORS);
    return client;
}
/** Where the credentials come from, for the message when they do not work. */
function credentialSource(settings, role) {
    if (role !== null)
        return `the role ${role}`;
    if (settings.profile !== null)
        return `profile ${settings.profile}`;
    return "the AWS SDK's default credential chain (environment, shared config, instance role; or set role-to-assume)";
}
/**
 * Whether a failed sts:GetCallerIdentity speaks of the credentials: not when nothing answered,
 * the answer could not be read, or AWS failed on its side (5xx).
 */
function saysCredentialsFailed(error) {
    const status = error.$metadata?.httpStatusCode;
    return (failureKind(error) !== 'unreachable' &&
        !(error instanceof AnswerError) &&
        !(typeof status === 'number' && status >= 500));
}
/** sts:GetCallerIdentity needs no permission: it proves the credentials and names the account. */
async function identify(sts, source) {
    let answer;
    try {
        answer = await sts.send(new client_sts_dist_cjs/* GetCallerIdentityCommand */.zI({}));
    }
    catch (error) {
        rethrowUnlessAws(error);
        if (!saysCredentialsFailed(error)) {
            throw new errors/* AwsAccessError */.Eo(`${describeFailure('sts:GetCallerIdentity', error)}.`);
        }
        throw new errors/* AwsAccessError */.Eo(`AWS credentials from ${source} are missing or invalid (sts:GetCallerIdentity: ${awsMessage(error)})${attemptsUsed(error)}.`);
    }
    const partition = /^arn:([^:]+):/.exec(answer.Arn ?? '')?.[1];
    if (!answer.Account || !partition) {
        throw new errors/* AwsAccessError */.Eo(`sts:GetCallerIdentity with credentials from ${source} named no account; check the STS endpoint (AWS_ENDPOINT_URL_STS).`);
    }
    return { accountId: answer.Account, partition };
}

;// CONCATENATED MODULE: ./src/aws/organization.ts




/** An organization has at most a few thousand accounts and units: 20 a page, 1,000 pages. */
const MAX_PAGES = 1000;
/**
 * The organization's ACTIVE accounts (organizations:ListAccounts, every page), or those the
 * filter names: account ids, and every account under an organizational unit or the root,
 * however deep. A listing that fails stops the run: the accounts to audit are unknown.
 */
async function organizationAccounts(client, filter) {
    const active = new Set();
    await listed('organizations:ListAccounts', (NextToken) => client.send(new client_organizations_dist_cjs/* ListAccountsCommand */.Q0l({ NextToken })), (page) => {
        for (const a of page.Accounts ?? []) {
            if (a.Id && (a.State ?? a.Status) === 'ACTIVE')
                active.add(a.Id);
        }
    });
    if (filter.length === 0)
        return { accounts: [...active].sort(), unknown: [] };
    const wanted = new Set();
    const unknown = [];
    // A unit under another one listed is walked once.
    const walked = new Set();
    for (const entry of filter) {
        if (/^\d{12}$/.test(entry)) {
            if (active.has(entry))
                wanted.add(entry);
            else
                unknown.push(entry);
            continue;
        }
        for (const id of await accountsUnder(client, entry, walked)) {
            if (active.has(id))
                wanted.add(id);
        }
    }
    return { accounts: [...wanted].sort(), unknown };
}
/**
 * Every account under an organizational unit or the root, through its child units, but for
 * the units already `walked`.
 */
async function accountsUnder(client, parent, walked) {
    const found = [];
    const parents = [parent];
    for (let next = parents.pop(); next !== undefined; next = parents.pop()) {
        if (walked.has(next))
            continue;
        walked.add(next);
        const ParentId = next;
        await listed('organizations:ListAccountsForParent', (NextToken) => client.send(new client_organizations_dist_cjs/* ListAccountsForParentCommand */.Jgz({ ParentId, NextToken })), (page) => {
            for (const a of page.Accounts ?? [])
                if (a.Id)
                    found.push(a.Id);
        });
        await listed('organizations:ListOrganizationalUnitsForParent', (NextToken) => client.send(new client_organizations_dist_cjs/* ListOrganizationalUnitsForParentCommand */.sUM({ ParentId, NextToken })), (page) => {
            for (const unit of page.OrganizationalUnits ?? [])
                if (unit.Id)
                    parents.push(unit.Id);
        });
    }
    return found;
}
/**
 * Reads a listing to its end, within MAX_PAGES and never on a repeated token; an AWS error or
 * an unusable answer becomes one line naming the action.
 */
async function listed(action, read, onPage) {
    try {
        await eachPage(action, MAX_PAGES, read, (page) => page.NextToken || undefined, onPage);
    }
    catch (error) {
        rethrowUnlessAws(error);
        throw new errors/* AwsAccessError */.Eo(`the organization's accounts could not be listed: ${describeFailure(action, error)}.`);
    }
}

;// CONCATENATED MODULE: ./src/aws/root-credentials.ts



/**
 * Reads iam:ListOrganizationsFeatures, then organizations:DescribeOrganization. Never throws
 * for an AWS answer: a denial, or an account that is neither the management account nor
 * IAM's delegated administrator, says why central management could not be confirmed.
 */
async function readOrganizationRootView(readers) {
    let action = 'iam:ListOrganizationsFeatures';
    try {
        const features = await readers.iam.send(new client_iam_dist_cjs/* ListOrganizationsFeaturesCommand */.TTN({}));
        const organizationId = features.OrganizationId ?? '';
        const managed = (features.EnabledFeatures ?? []).includes('RootCredentialsManagement');
        if (!managed)
            return { ok: true, organizationId, managed, managementAccountId: '' };
        action = 'organizations:DescribeOrganization';
        const described = await readers.organizations.send(new client_organizations_dist_cjs/* DescribeOrganizationCommand */.ov$({}));
        const managementAccountId = described.Organization?.MasterAccountId ?? '';
        if (!/^\d{12}$/.test(managementAccountId)) {
            return { ok: false, reason: `${action} named no management account` };
        }
        return { ok: true, organizationId, managed, managementAccountId };
    }
    catch (error) {
        rethrowUnlessAws(error);
        return { ok: false, reason: `${action}: ${awsMessage(error)}` };
    }
}
/**
 * How an audit asks, when it needs to, whether `accountId`'s root credentials are managed
 * centrally: from the organization role's view in an organization's fleet (`shared`, read
 * once for every account), else from what the audited account itself may read (`own`).
 */
function centralRootCredentialsOf(own, accountId, shared = null) {
    return async () => {
        const view = await (shared ?? (() => readOrganizationRootView(own)))();
        if (!view.ok)
            return { confirmed: false, reason: view.reason };
        const organization = view.organizationId === '' ? 'the organization' : view.organizationId;
        if (!view.managed) {
            return {
                confirmed: false,
                reason: `${organization} does not have RootCredentialsManagement enabled (iam:ListOrganizationsFeatures)`,
            };
        }
        if (view.managementAccountId === accountId) {
            return {
                confirmed: false,
                reason: `${accountId} is the management account of ${organization}, whose own root central management does not cover`,
            };
        }
        return { confirmed: true, organizationId: organization };
    };
}

;// CONCATENATED MODULE: ./src/aws/fleet.ts








const accountOfRole = (role) => role.split(':')[4] ?? '';
/**
 * The accounts to audit: the roles listed, the role name in each account listed, or in each
 * ACTIVE account of the organization (filtered by account-filter). A filter entry that names
 * no ACTIVE account is unreadable, so it fails the run rather than drop out.
 */
async function fleetOf(scope, session, deps) {
    // Every account is signed in to with the token: without one, none could be.
    requireOidcToken(deps, { roles: 'role-to-assume', accounts: 'accounts', organization: 'organization-role' }[scope.kind]);
    if (scope.kind === 'roles') {
        return {
            targets: scope.roles.map((role) => ({
                accountId: accountOfRole(role),
                role,
                partition: scope.partition,
            })),
            unreadable: [],
            organization: null,
        };
    }
    const roleIn = (accountId) => ({
        accountId,
        role: `arn:${scope.partition}:iam::${accountId}:role/${scope.roleName}`,
        partition: scope.partition,
    });
    if (scope.kind === 'accounts') {
        return { targets: scope.accounts.map(roleIn), unreadable: [], organization: null };
    }
    const organization = await connectOrganization(session, deps, scope.organizationRole, scope.partition);
    const { accounts, unknown } = await organizationAccounts(organization.organizations, scope.filter);
    if (accounts.length === 0 && unknown.length === 0) {
        throw new errors/* ConfigurationError */.j1(scope.filter.length === 0
            ? `organization-role: the organization of ${scope.organizationRole} has no ACTIVE account to audit.`
            : `account-filter: no ACTIVE account of the organization is under ${scope.filter.join(', ')}.`);
    }
    return {
        targets: accounts.map(roleIn),
        unreadable: unknown.map((accountId) => ({
            accountId,
            partition: scope.partition,
            action: 'organizations:ListAccounts',
            reason: `account-filter names ${accountId}, which is not an ACTIVE account of the organization`,
        })),
        organization,
    };
}
/**
 * Audits each account through its own role, `maxParallelAccounts` at a time; results in
 * the order of the targets. An account that cannot be signed in to, or whose role acts in
 * another account, is a snapshot with the account itself not assessed.
 */
async function auditFleet(fleet, session, maxParallelAccounts, deps, settings) {
    const limit = (0,p_limit/* default */.A)(maxParallelAccounts);
    // The organization role reads the organization's root credentials features once, for all.
    const { organization } = fleet;
    let view;
    const organizationView = organization === null ? null : () => (view ??= readOrganizationRootView(organization));
    const audited = await (0,model/* tracked */.rX)(deps.progress, 'accounts audited', fleet.targets.length, (step) => Promise.all(fleet.targets.map((target) => limit(async () => {
        const snapshot = await auditAccount(target, session, deps, settings, organizationView);
        step();
        return snapshot;
    }))));
    return [...audited, ...fleet.unreadable.map(notAudited)];
}
async function auditAccount(target, sessionSettings, deps, settings, organizationView) {
    const label = `account ${target.accountId}`;
    const log = (message) => {
        deps.log(`[${target.accountId}] ${message}`);
    };
    let session;
    try {
        session = await connect(sessionSettings, deps, target.role);
    }
    catch (error) {
        const { reason, internal } = (0,errors/* failureOf */.g5)(error);
        if (internal)
            throw error;
        log(`not audited: ${reason}`);
        return notAudited({ ...target, action: 'sts:AssumeRoleWithWebIdentity', reason });
    }
    if (session.caller.accountId !== target.accountId) {
        const reason = `the credentials of ${target.role} act in account ${session.caller.accountId}, not ${target.accountId}`;
        log(`not audited: ${reason}`);
        return notAudited({ ...target, action: 'sts:GetCallerIdentity', reason });
    }
    return collectLive({
        ...session,
        centralRootCredentials: centralRootCredentialsOf(session, target.accountId, organizationView),
        now: deps.now,
        sleep: deps.sleep,
        log,
        progress: { begin: (what, total) => deps.progress.begin(`${what} (${label})`, total) },
    }, settings);
}
/** An account that was not audited: the account itself is not assessed, with the reason. */
function notAudited(u) {
    return {
        accountId: u.accountId,
        partition: u.partition,
        source: { kind: 'not-audited', reason: u.reason },
        principals: [],
        notAssessed: [
            {
                subject: 'account',
                arn: (0,model/* rootArnOf */.zT)(u.partition, u.accountId),
                name: 'account',
                action: u.action,
                reason: u.reason,
            },
        ],
        verification: null,
        centralRootCredentials: null,
        notes: [],
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/io/file-kind.ts
var file_kind = __webpack_require__(495);
;// CONCATENATED MODULE: ./src/collect/report-file.ts






/** Larger than any report of MAX_REPORT_ROWS rows (a row is well under 1 KiB). */
const MAX_REPORT_BYTES = 32 * 1024 * 1024;
/**
 * Reads an account snapshot from a credential report file; calls no AWS API. Only a regular
 * file is read: a FIFO or device would make the audit wait, or read, without end.
 */
async function snapshotFromReportFile(path, auditsRoot, now) {
    const refuse = (why, advice) => new errors/* ReportError */.$g(`credential-report ${JSON.stringify(path)}: ${why}; give the path of an IAM credential report CSV.`, advice);
    let modifiedAt;
    let bytes;
    try {
        const info = await (0,promises_.stat)(path);
        const notAFile = (0,file_kind/* notARegularFile */.j)(info);
        if (notAFile !== null)
            throw refuse(notAFile);
        if (info.size > MAX_REPORT_BYTES) {
            throw refuse(`is ${(info.size / 1024 / 1024).toFixed(0)} MiB, larger than any credential report: IAM allows at most 5,000 users in an account, and this audit reads reports of up to ${MAX_REPORT_ROWS.toLocaleString('en-US')} rows (${MAX_REPORT_BYTES / 1024 / 1024} MiB)`);
        }
        modifiedAt = info.mtime;
        bytes = await (0,promises_.readFile)(path);
    }
    catch (error) {
        if (error instanceof errors/* ReportError */.$g)
            throw error;
        const missing = error.code === 'ENOENT';
        throw refuse(`cannot read the file (${errnoText(error)})`, missing
            ? 'Check the path: no file is there. A relative path is read from the workspace (the working folder of the step, or of the CLI); in a workflow, check out the repository or download the report before this step.'
            : 'Check that the step can read the file: its permissions, and that it is a file and not a folder.');
    }
    const report = parseCredentialReport(bytes.toString('utf8'), path);
    // A user created after the audit would be in its grace period for ever, or past any date.
    const latest = now.getTime() + model/* CLOCK_SKEW_MS */.rn;
    const future = report.principals.find((p) => p.createdAt !== null && Date.parse(p.createdAt) > latest);
    if (future !== undefined) {
        throw new errors/* ReportError */.$g(`${path}: line ${future.reportLine ?? 1}: column user_creation_time: ${JSON.stringify(future.createdAt)} is in the future (now is ${(0,src_text/* isoSecond */.u$)(now)}); a report lists users created before it was written`);
    }
    const notAssessed = [];
    const hasRoot = report.principals.some((p) => p.kind === 'root');
    if (auditsRoot(report.partition) && report.accountId !== null && !hasRoot) {
        notAssessed.push({
            subject: 'principal',
            arn: (0,model/* rootArnOf */.zT)(report.partition, report.accountId),
            name: 'root',
            action: "the report's <root_account> row",
            reason: "the report has no <root_account> row, so the root user's MFA was not checked; give the whole report as AWS writes it, or set include-root to false",
        });
    }
    return {
        accountId: report.accountId,
        partition: report.partition,
        source: { kind: 'report-file', path, modifiedAt },
        principals: report.principals,
        notAssessed,
        verification: null,
        centralRootCredentials: null,
        notes: [],
    };
}
function errnoText(error) {
    const code = error.code;
    switch (code) {
        case 'ENOENT':
            return 'no such file';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'ENOTDIR':
            return 'a part of the path is not a folder';
        case 'ELOOP':
            return 'too many symbolic links';
        default:
            return String(code ?? error);
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/io/iac.ts




/** How much of the tree is read at the most: a bound, not a crawl of everything. */
const IAC_LIMITS = { files: 5000, fileBytes: 1024 * 1024, milliseconds: 5000 };
/**
 * Folders never searched: dependencies and caches (.terraform holds provider binaries), and
 * this action's own source where the reusable workflow checks it out.
 */
const SKIPPED = new Set(['node_modules', '.git', '.terraform', '.venv', '.iam-mfa-audit-action']);
const CANDIDATE = /\.(tf|ya?ml|json|template)$/i;
/**
 * The IAM users defined in Terraform (`resource "aws_iam_user"` with a literal `name`, or the
 * `aws_iam_user_login_profile` that gives it its password) or CloudFormation
 * (`AWS::IAM::User` with a literal `UserName`, YAML or JSON) under `roots`, by user name.
 * Bounded in files, size and time; what is past the bound is not read, and `complete` says so.
 */
async function findUserDefinitions(roots, workspace, now = Date.now) {
    const definitions = new Map();
    const deadline = now() + IAC_LIMITS.milliseconds;
    let files = 0;
    let complete = true;
    const queue = roots.map((root) => {
        const path = (0,external_node_path_.resolve)(workspace, root);
        const inside = (0,external_node_path_.relative)((0,external_node_path_.resolve)(workspace), path);
        if (inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside)) {
            throw new errors/* ConfigurationError */.j1(`iac-paths: ${JSON.stringify(root)} is outside the workspace (${workspace}); give folders inside it, relative to it.`);
        }
        return path;
    });
    while (queue.length > 0) {
        const dir = queue.shift() ?? '';
        let entries;
        try {
            entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        }
        catch {
            continue; // a root that is a file, or a folder that cannot be read: nothing to find
        }
        for (const entry of entries) {
            if (files >= IAC_LIMITS.files || now() > deadline)
                return { definitions, complete: false };
            const path = (0,external_node_path_.join)(dir, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED.has(entry.name))
                    queue.push(path);
                continue;
            }
            if (!entry.isFile() || !CANDIDATE.test(entry.name))
                continue;
            files += 1;
            const size = (await (0,promises_.stat)(path).catch(() => null))?.size ?? Infinity;
            if (size > IAC_LIMITS.fileBytes) {
                // Not read whole: the search is incomplete only if the file may define users (a
                // lock file or a test report of several MiB is no template).
                if (await mayDefineUsers(path))
                    complete = false;
                continue;
            }
            const text = await (0,promises_.readFile)(path, 'utf8').catch(() => '');
            const where = (0,external_node_path_.relative)(workspace, path).split(external_node_path_.sep).join('/');
            const found = path.endsWith('.tf')
                ? terraformUsers(text, () => now() > deadline)
                : cloudFormationUsers(text);
            if (found === null)
                return { definitions, complete: false };
            for (const [name, line] of found) {
                if (!definitions.has(name))
                    definitions.set(name, { path: where, line });
            }
        }
    }
    return { definitions, complete };
}
/** How much of a file too large to read is looked at to tell whether it may be IaC. */
const HEAD_BYTES = 64 * 1024;
/**
 * Whether a file too large to read may define IAM users: any Terraform file, and a JSON or
 * YAML file whose start names CloudFormation (`AWSTemplateFormatVersion`, an `AWS::` type).
 */
async function mayDefineUsers(path) {
    if (path.endsWith('.tf'))
        return true;
    let file = null;
    try {
        file = await (0,promises_.open)(path, 'r');
        const head = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0);
        return /AWSTemplateFormatVersion|AWS::/.test(head.subarray(0, bytesRead).toString('utf8'));
    }
    catch {
        return true; // what cannot be looked at may be anything
    }
    finally {
        await file?.close();
    }
}
/** How many lines are read between two looks at the clock. */
const LINES_PER_LOOK = 2000;
/**
 * Terraform: each `aws_iam_user` with a literal name, at its login profile if it has one.
 * Each line is read once: a block runs from its `resource` line to the next `}` at the start
 * of a line or the next `resource`, whichever comes first. Returns null when `expired` says
 * the time is up before the file is read.
 */
function terraformUsers(text, expired = () => false) {
    const users = new Map(); // by resource label
    const profiles = new Map(); // user label → login profile line
    let open = null;
    const close = () => {
        if (open === null)
            return;
        const body = open.block.lines.join('\n');
        if (open.kind === 'user') {
            const name = /^\s*name\s*=\s*"([^"$]+)"\s*$/m.exec(body)?.[1];
            if (name)
                users.set(open.label, { name, line: open.block.line });
        }
        else {
            const ref = /aws_iam_user\.([\w-]+)\.(?:name|id)/.exec(body)?.[1];
            if (ref && !profiles.has(ref))
                profiles.set(ref, open.block.line);
        }
        open = null;
    };
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        if (i % LINES_PER_LOOK === 0 && expired())
            return null;
        const line = lines[i] ?? '';
        const resource = /^\s*resource\s+"(aws_iam_user|aws_iam_user_login_profile)"\s+"([^"]+)"/.exec(line);
        if (resource !== null || /^\s*resource\s/.test(line) || line.startsWith('}'))
            close();
        if (resource?.[1] && resource[2]) {
            open = {
                kind: resource[1] === 'aws_iam_user' ? 'user' : 'profile',
                label: resource[2],
                block: { line: i + 1, lines: [] },
            };
        }
        else if (open !== null) {
            open.block.lines.push(line);
        }
    }
    close();
    return new Map([...users].map(([label, u]) => [u.name, profiles.get(label) ?? u.line]));
}
/** CloudFormation (YAML or JSON): each `AWS::IAM::User` with a literal `UserName`. */
function cloudFormationUsers(text) {
    const found = new Map();
    if (!text.includes('AWS::IAM::User'))
        return found;
    const counter = new yaml_dist/* LineCounter */.HN();
    // CloudFormation's short forms (!Ref, !Sub) are custom tags: kept as they are, not errors.
    const document = (0,yaml_dist/* parseDocument */.Tp)(text, { lineCounter: counter, strict: false });
    const resources = (0,yaml_dist/* isMap */.jh)(document.contents) ? document.contents.get('Resources') : null;
    if (!(0,yaml_dist/* isMap */.jh)(resources))
        return found;
    for (const pair of resources.items) {
        const resource = pair.value;
        const type = (0,yaml_dist/* isMap */.jh)(resource) ? resource.get('Type') : null;
        if (!(0,yaml_dist/* isMap */.jh)(resource) || type !== 'AWS::IAM::User')
            continue;
        const properties = resource.get('Properties');
        const name = (0,yaml_dist/* isMap */.jh)(properties) ? properties.get('UserName') : null;
        const offset = (0,yaml_dist/* isScalar */.jn)(pair.key) ? pair.key.range[0] : undefined;
        if (typeof name === 'string' && offset !== undefined) {
            found.set(name, counter.linePos(offset).line);
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/io/suppressions-file.ts





/** Where the suppressions are read from when the input names no file and this one exists. */
const DEFAULT_SUPPRESSIONS_FILE = '.github/iam-mfa-audit.yml';
/** The rules cloud-audit's own ids name here (its checks of the same name). */
const CLOUD_AUDIT_CHECKS = new Set(['aws-iam-001', 'aws-iam-002']);
const OUR_KEYS = new Set(['rule', 'principal', 'reason', 'owner', 'expires']);
const CLOUD_AUDIT_KEYS = new Set(['check_id', 'resource_id', 'reason', 'accepted_by', 'expires']);
const MAX_BYTES = 1024 * 1024;
/**
 * Reads the suppressions: `path` when given (it must exist), else the default file when it
 * exists in the workspace, else none. Both this tool's format and cloud-audit's
 * `.cloud-audit.yml` are read; anything malformed is one line naming the file, the entry
 * and the field.
 */
async function readSuppressions(path, workspace) {
    const file = path ?? DEFAULT_SUPPRESSIONS_FILE;
    const full = (0,external_node_path_.resolve)(workspace, file);
    const fail = (why) => new errors/* ConfigurationError */.j1(`suppressions-file ${JSON.stringify(file)}: ${(0,src_text/* visible */.RK)(why)}`);
    let text;
    try {
        const info = await (0,promises_.stat)(full);
        if (!info.isFile())
            throw fail('is not a regular file; give the path of a YAML file');
        if (info.size > MAX_BYTES)
            throw fail('is larger than 1 MiB; a suppressions file is a short list');
        text = await (0,promises_.readFile)(full, 'utf8');
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1)
            throw error;
        if (path === null && error.code === 'ENOENT') {
            return { file: null, suppressions: [] };
        }
        throw fail(`cannot be read (${error.code ?? String(error)}); give the path of a YAML file in the workspace, or leave the input empty`);
    }
    return { file, suppressions: parseSuppressions(text, file) };
}
/** The suppressions a YAML text holds; `file` names it in messages. */
function parseSuppressions(text, file) {
    const lines = new yaml_dist/* LineCounter */.HN();
    const document = (0,yaml_dist/* parseDocument */.Tp)(text, { lineCounter: lines, uniqueKeys: true });
    const prefix = `suppressions-file ${JSON.stringify(file)}`;
    const [problem] = document.errors;
    if (problem) {
        const line = problem.linePos?.[0].line ?? 1;
        throw new errors/* ConfigurationError */.j1(`${prefix}: line ${line}: not valid YAML (${problem.code}); see the README for the format`);
    }
    const alias = firstAlias(document);
    if (alias !== undefined) {
        throw new errors/* ConfigurationError */.j1(`${prefix}: line ${lines.linePos(alias).line}: an alias (*name) is not read here; write the value out in full; see the README for the format`);
    }
    const root = document.contents;
    if (root === null)
        return [];
    const list = (0,yaml_dist/* isMap */.jh)(root) ? root.get('suppressions') : undefined;
    if (!(0,yaml_dist/* isMap */.jh)(root) || (list !== undefined && list !== null && !(0,yaml_dist/* isSeq */.oP)(list))) {
        throw new errors/* ConfigurationError */.j1(`${prefix}: line 1: expected a mapping with a list under "suppressions:"; see the README for the format`);
    }
    if (!(0,yaml_dist/* isSeq */.oP)(list))
        return [];
    const cloudAudit = list.items.some((item) => (0,yaml_dist/* isMap */.jh)(item) && item.has('check_id'));
    return list.items.flatMap((item, index) => {
        const line = lines.linePos(item.range[0]).line;
        const where = `${file} entry ${index + 1} (line ${line})`;
        const bad = (field, why) => {
            throw new errors/* ConfigurationError */.j1(`${prefix}: entry ${index + 1} (line ${line}): ${field}: ${why}`);
        };
        if (!(0,yaml_dist/* isMap */.jh)(item))
            return bad('entry', 'expected a mapping of rule, principal, reason, owner, expires');
        return cloudAudit ? cloudAuditEntry(item, where, bad) : ourEntry(item, where, bad);
    });
}
/** The keys an entry has, as written. */
function keysOf(entry) {
    return entry.items.map((pair) => String(pair.key?.value ?? pair.key));
}
/**
 * Refuses what would make an entry accept more, or for longer, than it says: a key not in
 * `allowed` (a typo such as `expiry` or `resource-id` leaves the real key unset), and a
 * merge key, whose entries this reader does not apply.
 */
function onlyKeys(entry, allowed, bad, whose) {
    for (const key of keysOf(entry)) {
        if (key === '<<')
            bad(key, 'merge keys are not read; write each entry out in full');
        if (!allowed.has(key))
            bad(key, `unknown key; ${whose} has ${[...allowed].join(', ')}`);
    }
}
function suppressions_file_text(entry, key, bad, required) {
    if (!entry.has(key))
        return required ? bad(key, 'is required') : null;
    const value = entry.get(key);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        return bad(key, required ? 'is empty; give it a value' : 'is empty; give it a value, or leave the key out');
    }
    if (typeof value !== 'string')
        return bad(key, 'expected text');
    return value;
}
/** `expires`: a real calendar day, YYYY-MM-DD (YAML may read it as a date). */
function day(entry, bad, required) {
    if (!entry.has('expires')) {
        return required
            ? bad('expires', 'is required: the last day the acceptance holds, YYYY-MM-DD')
            : null;
    }
    const raw = entry.get('expires');
    // The YAML 1.2 core schema reads 2026-12-31 as text; a number or a list is not a day.
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
    const date = new Date(`${value}T00:00:00Z`);
    if (!/^\d{4}-\d\d-\d\d$/.test(value) ||
        Number.isNaN(date.getTime()) ||
        date.toISOString().slice(0, 10) !== value) {
        return bad('expires', `${JSON.stringify(value)} is not a day; use YYYY-MM-DD`);
    }
    return value;
}
function ourEntry(entry, where, bad) {
    onlyKeys(entry, OUR_KEYS, bad, 'an entry');
    return [
        {
            rule: suppressions_file_text(entry, 'rule', bad, true) ?? '*',
            principal: suppressions_file_text(entry, 'principal', bad, true) ?? '*',
            match: 'glob',
            reason: suppressions_file_text(entry, 'reason', bad, true) ?? '',
            owner: suppressions_file_text(entry, 'owner', bad, false),
            expires: day(entry, bad, true),
            where,
        },
    ];
}
/**
 * cloud-audit's entries for the checks this tool runs, read as cloud-audit reads them:
 * `resource_id` names one principal exactly (`root` for aws-iam-001), and only an explicit
 * `"*"` accepts the whole check. Its entries for other checks are not ours to judge, but their
 * keys are checked all the same.
 */
function cloudAuditEntry(entry, where, bad) {
    onlyKeys(entry, CLOUD_AUDIT_KEYS, bad, 'an entry in cloud-audit’s format (one of the file’s entries has check_id)');
    const check = suppressions_file_text(entry, 'check_id', bad, true) ?? '';
    if (!CLOUD_AUDIT_CHECKS.has(check))
        return [];
    if (!entry.has('resource_id')) {
        bad('resource_id', `is required for ${check}: the user name (root for aws-iam-001), or "*" to accept every finding of the check`);
    }
    return [
        {
            rule: check,
            principal: suppressions_file_text(entry, 'resource_id', bad, true) ?? '',
            match: 'exact',
            reason: suppressions_file_text(entry, 'reason', bad, true) ?? '',
            owner: suppressions_file_text(entry, 'accepted_by', bad, false),
            expires: day(entry, bad, false),
            where,
        },
    ];
}
/**
 * Where the first alias (`*name`) of a document starts, if it has one. A merge key's alias
 * (`<<: *name`) is left to the entry's own message, which names the entry.
 */
function firstAlias(document) {
    let start;
    (0,yaml_dist/* visit */.YR)(document, {
        Alias: (_key, node, path) => {
            const parent = path.at(-1);
            if ((0,yaml_dist/* isPair */.tO)(parent) && (0,yaml_dist/* isScalar */.jn)(parent.key) && parent.key.value === '<<')
                return undefined;
            start = node.range?.[0] ?? 0;
            return yaml_dist/* visit */.YR.BREAK;
        },
    });
    return start;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/fingerprint.ts

/** The partial fingerprint that follows a principal's finding from run to run. */
const FINGERPRINT_KEY = 'iamMfaAudit/principal/v1';
/**
 * An alert's identity: rule, account and principal only, so it survives a change of
 * report, workflow file or line. Also given as primaryLocationLineHash, which GitHub
 * would otherwise derive from the (moving) location.
 */
function fingerprint(finding) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(`${finding.ruleId}\n${finding.accountId ?? ''}\n${finding.principal.arn}`)
        .digest('hex');
}

;// CONCATENATED MODULE: ./src/iac/terraform-plan.ts
/**
 * A Terraform plan as `terraform show -json` writes it (format_version 1.x): the IAM user,
 * login profile and MFA device changes it would make. Values unknown until apply stay
 * unknown: they are never guessed.
 */


/** A plan of 10,000 resources is a few MiB; this bounds what is read. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;
/** Reads the IAM changes of a plan file; anything that is not a plan is one line naming it. */
async function readTerraformPlan(file) {
    const refuse = (why) => new errors/* ConfigurationError */.j1(`terraform-plan ${JSON.stringify(file)}: ${why}; give the output of terraform show -json PLANFILE.`);
    const text = await (0,file_kind/* readRegularFile */.X)(file, MAX_PLAN_BYTES, refuse);
    let plan;
    try {
        plan = JSON.parse(text);
    }
    catch (error) {
        throw refuse(`is not JSON (${error.message})`);
    }
    if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) {
        throw refuse('is not a JSON object');
    }
    const { format_version: version, resource_changes: changes } = plan;
    if (typeof version !== 'string' || !/^1\.\d+$/.test(version)) {
        throw refuse(version === undefined
            ? 'has no format_version, so it is no plan (terraform show -json of a state has no resource_changes either)'
            : `has format_version ${JSON.stringify(version)}; format 1.x is read`);
    }
    if (!('planned_values' in plan)) {
        throw refuse('values' in plan
            ? 'is a state (terraform show -json of a state), not a plan: it has values but no planned_values'
            : 'has no planned_values, so it is no plan');
    }
    if (changes === undefined)
        return [];
    if (!Array.isArray(changes))
        throw refuse('has resource_changes that is not a list');
    return changes.flatMap((raw, i) => iamChange(raw, file, i, refuse));
}
/** One resource change, if it is an IAM user, login profile or virtual MFA device. */
function iamChange(raw, file, index, refuse) {
    if (raw.mode !== 'managed')
        return [];
    const type = raw.type;
    if (type !== 'aws_iam_user' &&
        type !== 'aws_iam_user_login_profile' &&
        type !== 'aws_iam_virtual_mfa_device') {
        return [];
    }
    const address = typeof raw.address === 'string' ? raw.address : null;
    const actions = raw.change?.actions;
    if (address === null || !Array.isArray(actions)) {
        throw refuse(`resource_changes[${index}] has no address or no change.actions`);
    }
    if (type === 'aws_iam_virtual_mfa_device') {
        return actions.includes('create') ? [{ kind: 'virtual-mfa-device', address, file }] : [];
    }
    const action = actionOf(actions);
    if (action === null)
        return [];
    const attribute = type === 'aws_iam_user' ? 'name' : 'user';
    const before = stringAt(raw.change?.before, attribute);
    const after = action === 'delete' ? null : plannedAt(raw.change, attribute);
    if (type === 'aws_iam_user') {
        const path = stringAt(raw.change?.after, 'path') ?? stringAt(raw.change?.before, 'path') ?? '/';
        return [{ kind: 'user', action, before, after, path, address, file }];
    }
    return [{ kind: 'login-profile', action, before, after, address, file }];
}
/** The change's action as the audit reads it; null for no-op and read. */
function actionOf(actions) {
    const has = (a) => actions.includes(a);
    if (has('create') && has('delete'))
        return 'replace';
    if (has('create'))
        return 'create';
    if (has('delete'))
        return 'delete';
    if (has('update'))
        return 'update';
    return null;
}
function stringAt(values, key) {
    const value = values?.[key];
    return typeof value === 'string' ? value : null;
}
/** An attribute after apply: its value, or unknown when the plan says it is. */
function plannedAt(change, key) {
    const unknown = change?.after_unknown?.[key] === true;
    const value = stringAt(change?.after, key);
    return unknown || value === null ? { known: false } : { known: true, value };
}

;// CONCATENATED MODULE: ./src/policy/history.ts

/**
 * Each finding's state: new, still open (an open or dismissed alert, or in the baseline),
 * or reopened (its alert was fixed). With `acceptDismissed`, a finding whose alert is
 * dismissed is accepted like a suppression, with the dismissal as its reason; one the
 * suppressions file accepts keeps that suppression.
 */
function withHistory(findings, history, acceptDismissed) {
    if (history.kind !== 'read')
        return { findings, fixed: [] };
    const byNumber = new Map(history.alerts.map((a) => [a.number, a]));
    const present = new Set();
    const marked = findings.map((finding) => {
        const print = fingerprint(finding);
        present.add(print);
        const number = history.alertOf.get(print);
        const alert = number === undefined ? undefined : byNumber.get(number);
        if (alert === undefined) {
            const state = history.known.has(print) ? 'open' : 'new';
            return { ...finding, history: { state, alert: null } };
        }
        const state = alert.state === 'fixed' ? 'reopened' : 'open';
        const known = {
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
    const gone = (print, number, url) => print === undefined || present.has(print)
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
function dismissal(finding, alert) {
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
const BASELINE_STATE = { new: 'new', open: 'unchanged', reopened: 'updated' };
/** The SARIF baselineState of a finding: new, unchanged, or updated (reopened). */
function baselineState(finding) {
    return finding.history === null ? null : BASELINE_STATE[finding.history.state];
}
/** The principal (ARN) a result of this tool names, if any. */
function principalOf(result) {
    const arn = result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName;
    return typeof arn === 'string' ? arn : null;
}

;// CONCATENATED MODULE: ./src/policy/terraform.ts
/**
 * The snapshot with `changes` applied. A user created by the plan is created now (so a grace
 * period covers it), with no MFA; a login profile for a user the plan names only at apply is
 * not assessed, never guessed; a virtual MFA device enables nothing by itself, and a note says
 * so.
 */
function applyPlan(snapshot, changes, now) {
    const users = new Map(snapshot.principals.filter((p) => p.kind === 'user').map((p) => [p.name, p]));
    const causes = new Map();
    const notAssessed = [];
    const notes = [];
    const account = snapshot.accountId ?? 'ACCOUNT_ID';
    const arnOf = (name, path) => `arn:${snapshot.partition}:iam::${account}:user${path.endsWith('/') ? path : `${path}/`}${name}`;
    const cause = (name, change, what) => {
        causes.set(name, { address: change.address, file: change.file, what });
    };
    const unknown = (change, what) => {
        notAssessed.push({
            subject: 'principal',
            arn: change.address,
            name: change.address,
            action: 'terraform plan',
            reason: `${change.file}: ${change.address} ${what} known only after apply, so its console access cannot be judged; make the name a literal, or audit after apply`,
        });
    };
    const created = (name, path) => ({
        kind: 'user',
        name,
        arn: arnOf(name, path),
        createdAt: now.toISOString(),
        consolePassword: false,
        passwordLastUsed: null,
        mfaActive: false,
        mfaDevices: null,
        accessKeysActive: false,
        reportLine: null,
    });
    // Users first: a login profile of the same plan may belong to a user it creates.
    for (const change of changes) {
        if (change.kind !== 'user')
            continue;
        if (change.before !== null && change.action !== 'update') {
            users.delete(change.before);
            cause(change.before, change, change.action === 'replace' ? 'replaces' : 'removes');
        }
        if (change.after === null)
            continue;
        if (!change.after.known) {
            notes.push(`${change.file}: ${change.address} creates a user whose name is known only after apply.`);
            continue;
        }
        const name = change.after.value;
        if (change.action === 'update') {
            const old = change.before === null ? undefined : users.get(change.before);
            if (old === undefined || change.before === name)
                continue;
            users.delete(old.name);
            users.set(name, { ...old, name, arn: arnOf(name, change.path) });
            cause(name, change, `renames ${old.name} to`);
        }
        else {
            users.set(name, created(name, change.path));
            cause(name, change, change.action === 'replace' ? 'replaces' : 'creates');
        }
    }
    for (const change of changes) {
        if (change.kind !== 'login-profile')
            continue;
        if (change.before !== null && change.action !== 'create') {
            const user = users.get(change.before);
            if (user !== undefined) {
                users.set(user.name, { ...user, consolePassword: false, passwordLastUsed: null });
                cause(user.name, change, 'removes the console password of');
            }
        }
        if (change.after === null)
            continue;
        if (!change.after.known) {
            unknown(change, 'gives a console password to a user whose name is');
            continue;
        }
        const user = users.get(change.after.value);
        if (user === undefined) {
            notes.push(`${change.file}: ${change.address} is for user ${change.after.value}, which neither the account nor the plan has.`);
            continue;
        }
        users.set(user.name, { ...user, consolePassword: true, passwordLastUsed: 'never' });
        cause(user.name, change, 'gives console access to');
    }
    for (const change of changes) {
        if (change.kind === 'virtual-mfa-device') {
            notes.push(`${change.file}: ${change.address} creates a virtual MFA device; it enables MFA for nobody until someone runs aws iam enable-mfa-device with two codes, so the audit does not count it.`);
        }
    }
    return {
        snapshot: {
            ...snapshot,
            principals: [...snapshot.principals.filter((p) => p.kind === 'root'), ...users.values()],
            notAssessed: [...snapshot.notAssessed, ...notAssessed],
            notes: [...snapshot.notes, ...notes],
        },
        causes,
    };
}

;// CONCATENATED MODULE: ./src/policy/glob.ts
function compileGlob(pattern) {
    const parts = pattern.split('*');
    const prefix = /^[^?]*/.exec(parts[0] ?? '')?.[0] ?? '';
    const suffix = /[^?]*$/.exec(parts[parts.length - 1] ?? '')?.[0] ?? '';
    if (parts.length === 1) {
        return {
            prefix,
            suffix,
            test: (text) => text.length === pattern.length && at(text, 0, pattern),
        };
    }
    // Runs of stars are one star: `**` and `*` match the same names.
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    const middle = parts.slice(1, -1).filter((part) => part !== '');
    const least = first.length + last.length + middle.reduce((n, part) => n + part.length, 0);
    return {
        prefix,
        suffix,
        test: (text) => {
            if (text.length < least || !at(text, 0, first))
                return false;
            const end = text.length - last.length;
            if (!at(text, end, last))
                return false;
            let from = first.length;
            for (const part of middle) {
                const found = leftmost(text, from, end - part.length, part);
                if (found < 0)
                    return false;
                from = found + part.length;
            }
            return true;
        },
    };
}
/** Whether `part` (with `?` for any one character) is in `text` at `index`. */
function at(text, index, part) {
    for (let i = 0; i < part.length; i++) {
        const c = part.charCodeAt(i);
        if (c !== 63 /* ? */ && c !== text.charCodeAt(index + i))
            return false;
    }
    return true;
}
/** The first index from `from` up to `last` where `part` is in `text`; -1 when none. */
function leftmost(text, from, last, part) {
    for (let index = from; index <= last; index++)
        if (at(text, index, part))
            return index;
    return -1;
}

;// CONCATENATED MODULE: ./src/policy/suppressions.ts


/** Marks the findings that a suppression in force accepts; expired entries accept nothing. */
function applySuppressions(findings, suppressions, now) {
    const today = now.toISOString().slice(0, 10);
    const expired = (s) => s.expires !== null && s.expires < today;
    const inForce = suppressions.filter((s) => !expired(s));
    const firstAccepting = suppressionIndex(inForce);
    const used = new Set();
    const marked = findings.map((finding) => {
        const match = firstAccepting(finding);
        if (match === null)
            return finding;
        used.add(match);
        return { ...finding, suppression: match };
    });
    return {
        findings: marked,
        expired: suppressions.filter(expired),
        stale: inForce.filter((s) => !used.has(s)),
        neverExpires: suppressions.filter((s) => s.expires === null),
    };
}
/** How much of a pattern's literal start or end is used to file it. */
const KEY_LENGTH = 64;
/**
 * How many times, in all, patterns may be tried against findings (a try costs at most the
 * name's length times the pattern's; 10 million take about 3 s). Entries filed by their
 * literal start or end are tried only against findings that share it, so real files stay far
 * below this; a file whose patterns all share one start, or have none, is stopped here.
 */
const MAX_TRIES = 10_000_000;
/**
 * The first entry in file order that accepts a finding. Entries are filed by the literal text
 * their pattern starts or ends with, so a finding is tested only against the entries that
 * could accept it, and an entry that repeats an earlier one (same rule and pattern) is not
 * filed: it can never be the first. A file whose patterns defeat the filing is stopped at
 * MAX_TRIES.
 */
function suppressionIndex(suppressions) {
    const exact = new Map();
    const byStart = new Map();
    const byEnd = new Map();
    const everywhere = [];
    const file = (map, key, entry) => {
        const list = map.get(key);
        if (list === undefined)
            map.set(key, [entry]);
        else
            list.push(entry);
    };
    const filed = new Set();
    suppressions.forEach((suppression, order) => {
        const key = JSON.stringify([suppression.rule, suppression.match, suppression.principal]);
        if (filed.has(key))
            return;
        filed.add(key);
        if (suppression.match === 'exact') {
            const entry = {
                order,
                suppression,
                accepts: (p) => p.name === suppression.principal,
            };
            if (suppression.principal === '*')
                everywhere.push({ ...entry, accepts: () => true });
            else
                file(exact, suppression.principal, entry);
            return;
        }
        const glob = compileGlob(suppression.principal);
        const entry = {
            order,
            suppression,
            accepts: (p) => glob.test(p.name) || glob.test(p.arn),
        };
        if (glob.prefix !== '')
            file(byStart, glob.prefix.slice(0, KEY_LENGTH), entry);
        else if (glob.suffix !== '')
            file(byEnd, glob.suffix.slice(-KEY_LENGTH), entry);
        else
            everywhere.push(entry);
    });
    const tried = new Uint32Array(suppressions.length);
    let tries = 0;
    const tooMany = () => {
        const most = tried.indexOf(Math.max(...tried));
        const entry = suppressions[most];
        return new errors/* ConfigurationError */.j1(`suppressions-file: ${entry?.where ?? ''}: principal: the pattern ${JSON.stringify(entry?.principal)} is tried against nearly every finding, with others like it, more than ${MAX_TRIES.toLocaleString('en-US')} times in all; begin or end each pattern with a user name or the path of an ARN`);
    };
    const accepts = (entry, principal) => {
        tried[entry.order] = (tried[entry.order] ?? 0) + 1;
        if (++tries > MAX_TRIES)
            throw tooMany();
        return entry.accepts(principal);
    };
    return (finding) => {
        const { principal, ruleId } = finding;
        const lists = [everywhere, exact.get(principal.name)];
        for (const text of [principal.name, principal.arn]) {
            for (let n = 1; n <= Math.min(KEY_LENGTH, text.length); n++) {
                lists.push(byStart.get(text.slice(0, n)), byEnd.get(text.slice(text.length - n)));
            }
        }
        // Each list is in file order: the first entry of each that accepts, the earliest of those.
        let first = null;
        for (const list of lists) {
            for (const entry of list ?? []) {
                if (first !== null && entry.order >= first.order)
                    break;
                const rule = entry.suppression.rule;
                if ((rule === '*' || rule === ruleId) && accepts(entry, principal)) {
                    first = entry;
                    break;
                }
            }
        }
        return first?.suppression ?? null;
    };
}
/**
 * The entries of `current` that `base` does not already grant as widely: added, or widened
 * (a later last day, or none). An entry is granted by a base entry of the same rule and
 * principal pattern whose last day is the same or later.
 */
function addedOrWidened(current, base) {
    const covers = (b, c) => b.rule === c.rule &&
        b.principal === c.principal &&
        b.match === c.match &&
        (b.expires === null || (c.expires !== null && c.expires <= b.expires));
    return current.filter((c) => !base.some((b) => covers(b, c)));
}

;// CONCATENATED MODULE: ./src/rules/rule.ts

/** The account a message names. */
const inAccount = (accountId) => accountId ? `in AWS account ${accountId}` : 'in the audited account';
/** An MFA serial (an ARN, or a hardware token's serial) that needs no quoting in a shell. */
const PLAIN_SERIAL = /^[\w+=,.@:/-]{1,256}$/;
const KIND_NAMES = {
    fido: 'security key or passkey',
    virtual: 'authenticator app',
    hardware: 'hardware TOTP token',
    'hardware-or-fido': 'hardware or FIDO device',
};
/** A device as a message names it: its kind, and its serial when AWS gives one. */
function deviceName(device) {
    const kind = KIND_NAMES[device.kind];
    return device.serial === null ? kind : `${kind} ${(0,src_text/* bounded */.Mm)(device.serial, 120)}`;
}

;// CONCATENATED MODULE: ./src/rules/console-user-without-mfa.ts


/** CIS: credentials unused for 45 days or more are disabled; a newer user is still settling in. */
const UNUSED_DAYS = 45;
/** Whole days from `time` to `now`, or null when `time` is not a time. */
function daysSince(time, now) {
    const at = time === null ? NaN : Date.parse(time);
    return Number.isNaN(at) ? null : Math.floor((now.getTime() - at) / src_text/* DAY_MS */.sO);
}
/**
 * A password is better removed than given MFA when it has not been used for 45 days or more,
 * or never, by a user that is at least that old and not in grace; otherwise the user needs
 * an MFA device.
 */
function userFix(principal, { now, inGrace }) {
    const lastUsed = principal.passwordLastUsed;
    const unused = lastUsed === 'never' ? null : daysSince(lastUsed, now);
    const age = daysSince(principal.createdAt, now);
    const settled = !inGrace && age !== null && age >= UNUSED_DAYS;
    if (settled && (lastUsed === 'never' || (unused !== null && unused >= UNUSED_DAYS))) {
        return {
            kind: 'remove-password',
            label: 'remove the password',
            text: `remove the console password, ${lastUsed === 'never' ? 'never used' : `unused for ${unused ?? 0} days`} (CIS: credentials unused for 45 days or more)`,
            command: `aws iam delete-login-profile --user-name ${(0,src_text/* shellWord */.r7)(principal.name)}`,
        };
    }
    return {
        kind: 'enroll-mfa',
        label: 'add MFA',
        text: 'assign an MFA device: best a security key or passkey, which the user registers in the console (Security credentials, Assign MFA device); the command creates a virtual device (an authenticator app) instead',
        command: `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${(0,src_text/* shellWord */.r7)(principal.name)} --outfile ${(0,src_text/* shellWord */.r7)(`${principal.name}-qr.png`)} --bootstrap-method QRCodePNG`,
    };
}
const CONSOLE_USER_WITHOUT_MFA = {
    id: 'aws-iam-002',
    name: 'ConsoleUserWithoutMfa',
    severity: 'high',
    shortDescription: 'IAM user can sign in to the AWS console without MFA',
    fullDescription: 'An IAM user has a console password and no active MFA device, so a stolen, phished or reused password is enough to sign in to the AWS Management Console with all of that user’s permissions.',
    whyItMatters: 'Stolen credentials are the most common way into cloud accounts. A console password alone can be phished, guessed from a breach list or captured by malware; MFA stops a stolen password from being enough. CIS AWS Foundations, AWS Security Hub and most compliance frameworks require MFA for every console user. Security Hub rates its control IAM.5 medium; this audit rates it high, as Prowler and cloud-audit do, because a console password is how most account takeovers start.',
    remediation: {
        cli: [
            '# Best: the user registers a security key or passkey in the console (Security credentials → Assign MFA device);',
            '# the API cannot register one. From the CLI, a virtual device (an authenticator app):',
            'aws iam create-virtual-mfa-device --virtual-mfa-device-name USER --outfile USER-qr.png --bootstrap-method QRCodePNG',
            'aws iam enable-mfa-device --user-name USER --serial-number arn:aws:iam::ACCOUNT_ID:mfa/USER \\',
            '  --authentication-code1 CODE1 --authentication-code2 CODE2',
            '# or, if the user does not need the console, remove the password',
            'aws iam delete-login-profile --user-name USER',
        ].join('\n'),
        terraform: [
            '# Deny everything but MFA self-service to console users who signed in without MFA.',
            'data "aws_iam_policy_document" "require_mfa" {',
            '  statement {',
            '    sid         = "DenyAllExceptMfaSetupWithoutMfa"',
            '    effect      = "Deny"',
            '    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser",',
            '                   "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",',
            '                   "iam:ChangePassword", "sts:GetSessionToken"]',
            '    resources   = ["*"]',
            '    condition {',
            '      test     = "BoolIfExists"',
            '      variable = "aws:MultiFactorAuthPresent"',
            '      values   = ["false"]',
            '    }',
            '  }',
            '}',
            '',
            'resource "aws_iam_group_policy" "require_mfa" {',
            '  group  = aws_iam_group.console_users.name',
            '  policy = data.aws_iam_policy_document.require_mfa.json',
            '}',
        ].join('\n'),
    },
    // CIS ids: v1.2.0 from Security Hub's control list; v1.4.0–v7.0.0 from Prowler's
    // prowler/compliance/aws/cis_{1.4,…,7.0}_aws.json, check iam_user_mfa_enabled_console_access.
    compliance: [
        { framework: 'CIS AWS Foundations v1.2.0', control: '1.2' },
        { framework: 'CIS AWS Foundations v1.4.0, v1.5.0, v2.0.0, v3.0.0, v4.0', control: '1.10' },
        { framework: 'CIS AWS Foundations v5.0.0', control: '1.9' },
        { framework: 'CIS AWS Foundations v6.0.0', control: '2.9' },
        { framework: 'CIS AWS Foundations v7.0.0', control: '2.10' },
        { framework: 'AWS Security Hub', control: 'IAM.5' },
        // AWS Config managed rule of the same check.
        { framework: 'AWS Config', control: 'mfa-enabled-for-iam-console-access' },
        // NIST and PCI ids as Security Hub lists them for IAM.5.
        { framework: 'NIST SP 800-53 r5', control: 'IA-2(1), IA-2(2), IA-2(6), IA-2(8), AC-2(1)' },
        { framework: 'PCI DSS v4.0.1', control: '8.4.2' },
    ],
    tags: [
        'security',
        'aws',
        'iam',
        'mfa',
        'CIS-AWS-1.10',
        'CIS-AWS-v5-1.9',
        'CIS-AWS-v6-2.9',
        'CIS-AWS-v7-2.10',
        'SecurityHub-IAM.5',
        'NIST-800-53-IA-2(1)',
        'PCI-DSS-8.4.2',
    ],
    judge: (p, account) => p.kind === 'user' && p.consolePassword === true && !p.mfaActive
        ? {
            severity: 'high',
            detail: `IAM user ${p.name} ${inAccount(account.accountId)} has a console password and no active MFA device.`,
        }
        : null,
    notApplicable: [],
    enabled: () => true,
    needs: { mfaDevices: false },
    fix: userFix,
    script: ({ principal, fix }, { account, partition }) => {
        if (fix.command === null)
            return [];
        if (fix.kind !== 'enroll-mfa')
            return [fix.command];
        const user = principal.name;
        return [
            fix.command,
            `aws iam enable-mfa-device --user-name ${user} --serial-number arn:${partition}:iam::${account}:mfa/${user} --authentication-code1 CODE1 --authentication-code2 CODE2`,
        ];
    },
};

;// CONCATENATED MODULE: ./src/rules/console-user-without-phishing-resistant-mfa.ts



/** Remove the devices that give one-time codes, once a security key or passkey is in place. */
function phishableFix(principal) {
    const weak = (principal.mfaDevices ?? []).filter(model/* phishable */.r0);
    const named = weak.map(deviceName).join(', ');
    if (principal.kind === 'root') {
        return {
            kind: 'remove-phishable-mfa',
            label: 'add a security key as root',
            text: `sign in as root, register a security key or passkey (Security credentials), then remove the ${named}`,
            command: null,
        };
    }
    const hasKey = (principal.mfaDevices ?? []).some((d) => d.kind === 'fido');
    const [only] = weak;
    return {
        kind: 'remove-phishable-mfa',
        label: hasKey ? 'remove the code device' : 'add a security key',
        text: hasKey
            ? `deactivate the ${named}: the security key or passkey stays`
            : `register a security key or passkey in the console, then deactivate the ${named}`,
        command: hasKey && only?.serial != null && weak.length === 1 && PLAIN_SERIAL.test(only.serial)
            ? `aws iam deactivate-mfa-device --user-name ${(0,src_text/* shellWord */.r7)(principal.name)} --serial-number ${only.serial}`
            : null,
    };
}
const CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA = {
    id: 'aws-iam-mfa-phishing-resistant',
    name: 'ConsoleUserWithoutPhishingResistantMfa',
    severity: 'medium',
    shortDescription: 'An IAM user or root signs in to the console with MFA that can be phished',
    fullDescription: 'An IAM user with a console password, or the root user, has an MFA device that gives one-time codes (an authenticator app, or for a user a hardware TOTP token): AWS accepts any one of a principal’s devices at sign-in, so that code can be relayed by a phishing page as it is typed, even when a security key is registered too.',
    whyItMatters: 'Phishing kits now relay one-time codes in real time, so TOTP stops a stolen password but not a phished sign-in. A FIDO security key or passkey signs for the real AWS sign-in origin only, so a look-alike page gets nothing it can use. US federal guidance (OMB M-22-09) requires phishing-resistant MFA for this reason.',
    remediation: {
        cli: [
            '# See the kind of each device: u2f serials are security keys or passkeys, mfa/ serials are',
            '# authenticator apps, serials that are not ARNs are hardware TOTP tokens.',
            'aws iam list-mfa-devices --user-name USER',
            '# Register a security key or passkey in the console (Security credentials → Assign MFA device;',
            '# the API cannot register one), then deactivate every device that gives one-time codes:',
            '# AWS accepts any one of them at sign-in.',
            'aws iam deactivate-mfa-device --user-name USER --serial-number arn:aws:iam::ACCOUNT_ID:mfa/USER',
            '# Root: sign in as root, register a security key, and remove the virtual device there.',
        ].join('\n'),
        terraform: [
            '# Security keys and passkeys are registered by their owner in the console, not by Terraform.',
            '# Terraform can remove a virtual device once a security key is in place:',
            '# terraform state rm aws_iam_virtual_mfa_device.USER && terraform apply',
        ].join('\n'),
    },
    compliance: [
        { framework: 'OMB M-22-09', control: 'phishing-resistant MFA' },
        { framework: 'NIST SP 800-63B', control: 'phishing (verifier impersonation) resistance' },
    ],
    tags: ['security', 'aws', 'iam', 'mfa', 'phishing-resistant', 'fido'],
    judge: (p, account) => {
        if (!p.mfaActive || p.mfaDevices === null)
            return null;
        if (p.kind === 'user' && p.consolePassword !== true)
            return null;
        const weak = p.mfaDevices.filter(model/* phishable */.r0);
        if (weak.length === 0)
            return null;
        const who = p.kind === 'root'
            ? `The root user ${inAccount(account.accountId)}`
            : `IAM user ${p.name} ${inAccount(account.accountId)}`;
        const named = weak.map(deviceName).join(', ');
        const detail = p.mfaDevices.some((d) => d.kind === 'fido')
            ? `${who} has a security key or passkey, but also ${named}: AWS accepts any one of its devices at sign-in, so a one-time code can still be phished.`
            : `${who} signs in with MFA that can be phished (${named}) and has no security key or passkey.`;
        return { severity: 'medium', detail };
    },
    notApplicable: [],
    enabled: (choice) => choice.requirePhishingResistantMfa,
    needs: { mfaDevices: true },
    fix: phishableFix,
    script: ({ principal }) => {
        // Root's devices are managed by root itself, in the console.
        if (principal.kind === 'root')
            return [];
        const user = principal.name;
        return [
            `aws iam list-mfa-devices --user-name ${user}`,
            ...(principal.mfaDevices ?? [])
                .filter(model/* phishable */.r0)
                .flatMap((d) => d.serial !== null && PLAIN_SERIAL.test(d.serial)
                ? [`aws iam deactivate-mfa-device --user-name ${user} --serial-number ${d.serial}`]
                : []),
        ];
    },
};

;// CONCATENATED MODULE: ./src/rules/root-account-without-mfa.ts


/** Root's MFA is set by root, in the console; without credentials, by the organization. */
function rootFix(principal) {
    if ((0,model/* withoutCredentials */.ri)(principal)) {
        return {
            kind: 'enroll-mfa',
            label: 'manage root centrally',
            text: 'have AWS Organizations manage root credentials centrally (aws iam enable-organizations-root-credentials-management in the management account), or recover the password, sign in as root and assign an MFA device',
            command: null,
        };
    }
    const keys = principal.accessKeysActive === true ? ', and delete its access keys' : '';
    return {
        kind: 'enroll-mfa',
        label: 'add MFA as root',
        text: `sign in as root and assign an MFA device, preferably a security key (Security credentials)${keys}`,
        command: null,
    };
}
const ROOT_ACCOUNT_WITHOUT_MFA = {
    id: 'aws-iam-001',
    name: 'RootAccountWithoutMfa',
    severity: 'critical',
    shortDescription: 'The AWS account root user has no MFA',
    fullDescription: 'The root user of the account has no active MFA device. Root can do anything in the account, including closing it, and its access cannot be limited by IAM policies.',
    whyItMatters: 'Whoever holds the root password without MFA owns the account outright: IAM policies do not apply to root, and its sign-in is the last line of account recovery. AWS, CIS and Security Hub rate this critical.',
    remediation: {
        cli: [
            '# Sign in as root and assign an MFA device (Account menu → Security credentials → Assign MFA device),',
            '# preferably a FIDO security key or passkey. In an AWS Organization, remove root credentials centrally:',
            'aws iam enable-organizations-root-credentials-management',
            'aws iam enable-organizations-root-sessions',
            'aws sts assume-root --target-principal ACCOUNT_ID \\',
            '  --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
        ].join('\n'),
        terraform: [
            "# In the organization management account: manage member accounts' root credentials centrally.",
            'resource "aws_iam_organizations_features" "root" {',
            '  enabled_features = ["RootCredentialsManagement", "RootSessions"]',
            '}',
        ].join('\n'),
    },
    // CIS ids: v1.2.0 from Security Hub's control list for IAM.9; v1.4.0–v7.0.0 from Prowler's
    // prowler/compliance/aws/cis_{1.4,…,7.0}_aws.json, check iam_root_mfa_enabled.
    compliance: [
        { framework: 'CIS AWS Foundations v1.2.0', control: '1.13' },
        { framework: 'CIS AWS Foundations v1.4.0, v1.5.0, v2.0.0, v3.0.0, v4.0', control: '1.5' },
        { framework: 'CIS AWS Foundations v5.0.0', control: '1.4' },
        { framework: 'CIS AWS Foundations v6.0.0', control: '2.4' },
        { framework: 'CIS AWS Foundations v7.0.0', control: '2.5' },
        { framework: 'AWS Security Hub', control: 'IAM.9' },
    ],
    tags: [
        'security',
        'aws',
        'iam',
        'mfa',
        'root',
        'CIS-AWS-1.5',
        'CIS-AWS-v5-1.4',
        'CIS-AWS-v6-2.4',
        'CIS-AWS-v7-2.5',
        'SecurityHub-IAM.9',
    ],
    notApplicable: [
        {
            partition: 'aws-us-gov',
            // CIS AWS Foundations v6.0.0 2.4, additional information (the same in v1.4.0–v7.0.0).
            reason: 'CIS AWS Foundations v6.0.0 2.4: "IAM User account root for us-gov cloud regions does not have console access. This recommendation is not applicable for us-gov cloud regions."',
        },
    ],
    judge: (p, account) => {
        if (p.kind !== 'root' || p.mfaActive)
            return null;
        const root = `The root user ${inAccount(account.accountId)}`;
        // A root that cannot sign in now can still get a password by email (Security Hub IAM.9),
        // unless AWS Organizations manages the member account's root credentials centrally.
        if ((0,model/* withoutCredentials */.ri)(p)) {
            const central = account.centralRootCredentials;
            if (central?.confirmed === true)
                return null;
            return {
                severity: 'medium',
                detail: `${root} has no password, no access keys and no MFA: it cannot sign in now, but a password can be recovered by email unless AWS Organizations manages root credentials centrally${central === null ? '' : ` (not confirmed: ${central.reason})`}.`,
            };
        }
        const keys = p.accessKeysActive === true
            ? ' Its access keys are active and give full control of the account without MFA: delete them (CIS "no root access key").'
            : '';
        const what = p.consolePassword !== false
            ? 'has no active MFA device.'
            : p.accessKeysActive === null
                ? 'has no password and no MFA device, and whether it has active access keys is unknown.'
                : 'has no password and no MFA device.';
        return { severity: 'critical', detail: `${root} ${what}${keys}` };
    },
    enabled: (choice) => choice.includeRoot,
    needs: { mfaDevices: false },
    fix: rootFix,
    script: ({ principal }, { account, partition }) => (0,model/* withoutCredentials */.ri)(principal)
        ? [
            '# in the management account of its AWS Organization:',
            'aws iam enable-organizations-root-credentials-management',
        ]
        : [
            '# or, in an AWS Organization, delete root credentials from the management account:',
            `aws sts assume-root --target-principal ${account} --task-policy-arn arn=arn:${partition}:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`,
        ],
};

;// CONCATENATED MODULE: ./src/rules/catalog.ts




/** A finding's message: what is wrong, the grace period while it runs, and the fix that fits. */
function findingMessage(finding) {
    const grace = finding.graceUntil === null
        ? ''
        : ` It is in the grace period for new users until ${finding.graceUntil} (grace-period-hours), so it is reported as low until then.`;
    return `${finding.detail}${grace} Fix: ${finding.fix.text}.`;
}
/** Every rule, most severe first. */
const RULES = [
    ROOT_ACCOUNT_WITHOUT_MFA,
    CONSOLE_USER_WITHOUT_MFA,
    CONSOLE_USER_WITHOUT_PHISHING_RESISTANT_MFA,
];
/** The rules a run evaluates: root's with include-root, the FIDO rule when required. */
function activeRules(includeRoot, phishingResistant = false) {
    const choice = { includeRoot, requirePhishingResistantMfa: phishingResistant };
    return RULES.filter((rule) => rule.enabled(choice));
}
/** What collection must read for the rules of a run. */
function collectionNeeds(rules) {
    return { mfaDevices: rules.some((rule) => rule.needs.mfaDevices) };
}
/** Why `rule` does not apply in `partition`, or null when it does. */
function notApplicableIn(rule, partition) {
    return rule.notApplicable.find((n) => n.partition === partition)?.reason ?? null;
}
/** The rules of a run that do not apply in `partition`, each with the reason. */
function rulesNotApplicable(rules, partition) {
    return rules.flatMap((rule) => {
        const reason = notApplicableIn(rule, partition);
        return reason === null ? [] : [{ rule, reason }];
    });
}
/** Whether the root user is to be read at all: include-root, and aws-iam-001 applies there. */
function rootIsAudited(includeRoot, partition) {
    return includeRoot && notApplicableIn(ROOT_ACCOUNT_WITHOUT_MFA, partition) === null;
}
/** A rule's remediation with its ARNs in `partition` (aws, aws-us-gov, aws-cn). */
function remediationIn(rule, partition) {
    const arns = (text) => text.replaceAll('arn:aws:', `arn:${partition}:`);
    return { cli: arns(rule.remediation.cli), terraform: arns(rule.remediation.terraform) };
}

;// CONCATENATED MODULE: ./src/render/sarif.ts






/** The score GitHub maps to its severity label (> 9.0 critical, 7.0–8.9 high, ...). */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '2.0',
};
const LEVEL = {
    critical: 'error',
    high: 'error',
    medium: 'warning',
    low: 'note',
};
/** Where a principal's alert belongs: on the code that defines the user, else the anchor. */
function anchorFor(anchor, definitions, principal) {
    const defined = principal.kind === 'user' ? definitions.get(principal.name) : undefined;
    return defined ? { uri: defined.path, line: defined.line, inRepository: true } : anchor;
}
/**
 * The run's automationDetails.id: the category asked for, as a path ending in `/`; by
 * default one per account, and one for a fleet audited in one run.
 */
function categoryId(category, snapshots) {
    if (category !== null)
        return category.endsWith('/') ? category : `${category}/`;
    const [sole, ...others] = snapshots;
    if (sole === undefined || others.length > 0)
        return 'iam-mfa-audit/fleet/';
    return `iam-mfa-audit/${sole.accountId ?? 'unknown-account'}/`;
}
/** The base that repository-relative URIs are resolved against (the checkout's root). */
const SOURCE_ROOT = 'SRCROOT';
/** A rule's help for code scanning's help pane, as text and as markdown (shown instead). */
function ruleHelp(rule, partition) {
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
function renderSarif(input) {
    const { accounts, findings, rules, anchor, provenance, tool } = input;
    // A fleet is audited within one partition (role-to-assume refuses to mix them).
    const partition = partitionOf(accounts);
    const results = findings.map((finding) => {
        const ruleIndex = rules.findIndex((r) => r.id === finding.ruleId);
        const rule = rules[ruleIndex];
        if (!rule)
            throw new Error(`finding for a rule that is not evaluated: ${finding.ruleId}`);
        const { principal } = finding;
        const hash = fingerprint(finding);
        const at = anchorFor(anchor, input.definitions, principal);
        const base = provenance !== null && at.inRepository ? { uriBaseId: SOURCE_ROOT } : {};
        return {
            ruleId: rule.id,
            ruleIndex,
            level: LEVEL[finding.severity],
            message: { text: (0,src_text/* visible */.RK)(findingMessage(finding)) },
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
                            justification: (0,src_text/* visible */.RK)(finding.suppression.reason),
                            properties: {
                                ...(finding.suppression.owner === null
                                    ? {}
                                    : { owner: (0,src_text/* visible */.RK)(finding.suppression.owner) }),
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
    const notifications = notAssessed.map((n) => ({
        level: 'error',
        message: { text: (0,src_text/* visible */.RK)(`Not assessed: ${n.name} (${n.arn}): ${n.reason}`) },
        descriptor: { id: 'not-assessed' },
        locations: [
            { logicalLocations: [{ name: n.name, fullyQualifiedName: n.arn, kind: 'resource' }] },
        ],
        properties: { action: n.action },
    }));
    const run = {
        tool: {
            driver: {
                name: tool.name,
                semanticVersion: tool.version,
                informationUri: tool.informationUri,
                rules: rules.map((rule) => ({
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
                        'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
                        'security-severity': SECURITY_SEVERITY[rule.severity],
                    },
                })),
            },
        },
        // One category per account, so audits of many accounts do not close each other's alerts.
        automationDetails: {
            id: categoryId(input.category ?? null, accounts.map((a) => a.snapshot)),
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
function accountsProperties(accounts) {
    const sole = soleAccount(accounts);
    if (sole !== null)
        return accountProperties(sole);
    return { accounts: accounts.map((a) => accountProperties(a.snapshot)) };
}
/** What the run says of an account: its id, where its data came from, and how fresh it is. */
function accountProperties(snapshot) {
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

;// CONCATENATED MODULE: ./src/rules/evaluate.ts



const NO_GRACE = { hours: 0, now: new Date() };
/**
 * Applies each rule that applies in the snapshot's partition to each principal: one finding
 * per broken (rule, principal) pair, at the severity the rule gives the case. A user created
 * less than `grace.hours` ago is a low finding until the grace period ends.
 */
function evaluate(snapshot, rules, grace = NO_GRACE) {
    const applicable = rules.filter((rule) => notApplicableIn(rule, snapshot.partition) === null);
    return applicable.flatMap((rule) => snapshot.principals.flatMap((principal) => {
        const breach = rule.judge(principal, snapshot);
        if (breach === null)
            return [];
        const graceUntil = graceEnd(principal, grace);
        return [
            {
                ruleId: rule.id,
                severity: graceUntil === null ? breach.severity : 'low',
                detail: breach.detail,
                accountId: snapshot.accountId,
                principal,
                graceUntil,
                suppression: null,
                history: null,
                fix: rule.fix(principal, { now: grace.now, inGrace: graceUntil !== null }),
            },
        ];
    }));
}
/**
 * The end of a user's grace period, while it runs; null otherwise. It starts when the user was
 * created, whatever happened to its password since, so it cannot be renewed; a creation time
 * in the future gives none.
 */
function graceEnd(principal, grace) {
    if (grace.hours === 0 || principal.kind !== 'user' || principal.createdAt === null)
        return null;
    const created = Date.parse(principal.createdAt);
    const now = grace.now.getTime();
    if (Number.isNaN(created) || created > now + model/* CLOCK_SKEW_MS */.rn)
        return null;
    const end = created + grace.hours * 3_600_000;
    return end > now ? (0,src_text/* isoSecond */.u$)(end) : null;
}

;// CONCATENATED MODULE: ./src/audit.ts






















/**
 * The audit: reads the suppressions and where the repository defines users, collects each
 * account, evaluates the rules, applies the suppressions and decides. It writes nothing and
 * prints nothing but progress; the outputs render what it returns.
 */
async function audit(plan, deps) {
    const startedAt = deps.now();
    const { workspace } = deps.context;
    const accepted = await readSuppressions(plan.policy.suppressionsFile, workspace);
    const pullRequest = await comparedWithBase(accepted, workspace, deps.readAtBase);
    const iac = await findUserDefinitions(plan.outputs.iacPaths, workspace);
    if (!iac.complete) {
        deps.log(`Not every file under iac-paths was read (more than ${IAC_LIMITS.files} files, a file over ${IAC_LIMITS.fileBytes / 1024 / 1024} MiB, or ${IAC_LIMITS.milliseconds / 1000} s): some alerts may point at the workflow instead of the code that defines the user.`);
    }
    // Read before any AWS call: a file that is no plan stops the run at once.
    const planChanges = (await Promise.all(plan.terraformPlans.map(readTerraformPlan))).flat();
    const rules = activeRules(plan.rules.includeRoot, plan.rules.requirePhishingResistantMfa);
    const collected = await collect(plan.source, rules, plan.rules.includeRoot, deps);
    const evaluatedAt = deps.now();
    const grace = { hours: plan.policy.gracePeriodHours, now: evaluatedAt };
    const planned = plan.terraformPlans.length === 0
        ? null
        : afterPlan(collected, planChanges, plan.terraformPlans, (s) => evaluate(s, rules, grace), evaluatedAt);
    const snapshots = planned?.snapshots ?? collected;
    const perAccount = snapshots.map((snapshot) => evaluate(snapshot, rules, grace));
    const { findings: suppressed, ...entriesNotApplied } = applySuppressions(perAccount.flat(), accepted.suppressions, evaluatedAt);
    // With a plan, the account as it is now is the baseline: the plan's change is what counts.
    const history = planned?.history ?? (await deps.readHistory(categoryId(plan.outputs.sarifCategory, snapshots)));
    const { findings, fixed } = withHistory(suppressed, history, plan.policy.acceptDismissedAlerts);
    const accounts = accountAudits(snapshots, splitLike(findings, perAccount), plan.policy);
    const { workflow } = deps.context;
    return {
        accounts,
        rules,
        findings,
        verdict: decide(findings, notAssessedOf(accounts), plan.policy),
        history,
        fixed,
        terraform: planned === null ? null : { files: plan.terraformPlans, causes: planned.causes },
        suppressions: {
            file: accepted.file,
            ...entriesNotApplied,
            ...(pullRequest === null ? {} : { pullRequest }),
        },
        anchor: alertAnchor(deps.context, plan.source, accounts),
        definitions: iac.definitions,
        provenance: workflow.provenance,
        alertsUrl: workflow.alertsUrl,
        anchorNote: workflow.anchorNote ?? null,
        startedAt,
        finishedAt: deps.now(),
    };
}
/**
 * On a pull request, the entries of the suppressions file that it adds or widens compared
 * with its base, so the reviewer sees the exception being granted; null on other runs or
 * without a file in the repository.
 */
async function comparedWithBase(accepted, workspace, readAtBase) {
    if (readAtBase === null || accepted.file === null)
        return null;
    const inRepository = (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, accepted.file));
    if (inRepository.startsWith('..') || (0,external_node_path_.isAbsolute)(inRepository))
        return null;
    const base = await readAtBase(inRepository.split(external_node_path_.sep).join('/'));
    if (base.kind === 'unreadable')
        return { kind: 'unreadable', reason: base.reason };
    let entries = [];
    if (base.kind === 'text') {
        try {
            entries = parseSuppressions(base.text, `${accepted.file} at the base`);
        }
        catch (error) {
            return { kind: 'unreadable', reason: (0,errors/* failureOf */.g5)(error).reason };
        }
    }
    return { kind: 'compared', added: addedOrWidened(accepted.suppressions, entries) };
}
/**
 * The account after the plan, and the account now as the history it is judged against: a
 * finding the plan causes is new, one it clears is fixed.
 */
function afterPlan(snapshots, changes, files, judge, now) {
    const [only, ...others] = snapshots;
    if (others.length > 0) {
        throw new errors/* ConfigurationError */.j1('terraform-plan: a plan changes one account; audit that account alone, or leave terraform-plan empty for a fleet.');
    }
    const before = judge(only);
    const after = applyPlan(only, changes, now);
    return {
        snapshots: [after.snapshot],
        causes: after.causes,
        history: {
            kind: 'read',
            source: `the account now, before ${files.join(', ')}`,
            alerts: [],
            alertOf: new Map(),
            known: new Set(before.map(fingerprint)),
            principals: new Map(before.map((f) => [fingerprint(f), f.principal.arn])),
        },
    };
}
/** `items` cut into lists as long as those of `shape`, in order. */
function splitLike(items, shape) {
    let at = 0;
    return shape.map((part) => items.slice(at, (at += part.length)));
}
/**
 * The snapshots: of a report file (no AWS call), of the live account, or of each account of
 * a fleet; each reads what the active rules need.
 */
async function collect(source, rules, includeRoot, deps) {
    const auditsRoot = (partition) => rootIsAudited(includeRoot, partition);
    if (source.kind === 'report-file') {
        return [await snapshotFromReportFile(source.path, auditsRoot, deps.now())];
    }
    const settings = {
        reportTimeoutSeconds: source.reportTimeoutSeconds,
        auditsRoot,
        readsMfaDevices: collectionNeeds(rules).mfaDevices,
    };
    const withToken = withReusedToken(deps);
    const { scope, session } = source;
    if (scope.kind === 'one') {
        const signedIn = await connect(session, withToken, scope.role);
        const centralRootCredentials = centralRootCredentialsOf(signedIn, signedIn.caller.accountId);
        return [await collectLive({ ...signedIn, ...withToken, centralRootCredentials }, settings)];
    }
    const fleet = await fleetOf(scope, session, withToken);
    const [first, ...rest] = await auditFleet(fleet, session, source.maxParallelAccounts, withToken, settings);
    if (first === undefined)
        throw new Error('a fleet of no account was audited');
    return [first, ...rest];
}
/** The deps with GitHub's OIDC token fetched once and reused while it is fresh. */
function withReusedToken(deps) {
    return { ...deps, getIdToken: reuseIdToken(deps.getIdToken, deps.now) };
}
/**
 * The organization's accounts a fleet run would audit, for a matrix of jobs; an entry of
 * account-filter that names no ACTIVE account stops it, so no account drops out unseen.
 */
async function discoverAccounts(plan, deps) {
    const { source } = plan;
    if (source.kind !== 'live' || source.scope.kind !== 'organization') {
        throw new errors/* ConfigurationError */.j1('discover-only true needs organization-role.');
    }
    const fleet = await fleetOf(source.scope, source.session, withReusedToken(deps));
    const [unknown] = fleet.unreadable;
    if (unknown !== undefined)
        throw new errors/* ConfigurationError */.j1(`${unknown.reason}.`);
    return fleet.targets.map((t) => t.accountId);
}
/**
 * Where alerts point: in a workflow, the step of the workflow file that runs the audit;
 * otherwise each user's line in the report; for a live audit outside a workflow, the root ARN
 * of the account (a fleet needs GitHub's OIDC token, so it runs in a workflow).
 */
function alertAnchor(context, source, accounts) {
    const { workflow } = context.workflow;
    if (workflow !== null)
        return { uri: workflow.path, line: workflow.line, inRepository: true };
    if (source.kind === 'report-file') {
        const path = (0,external_node_path_.resolve)(context.workspace, source.path);
        const inRepo = (0,external_node_path_.relative)(context.workspace, path);
        const outside = inRepo.startsWith('..') || (0,external_node_path_.isAbsolute)(inRepo);
        return {
            uri: outside ? (0,external_node_url_.pathToFileURL)(path).href : inRepo.split(external_node_path_.sep).join('/'),
            line: null,
            inRepository: !outside,
        };
    }
    const [accountId = ''] = accountIds(accounts);
    return { uri: (0,model/* rootArnOf */.zT)(partitionOf(accounts), accountId), line: 1, inRepository: false };
}

;// CONCATENATED MODULE: ./src/io/output-file.ts




/**
 * Checks, before the audit, that the CLI may write its report at `path` (given as `flag`): a
 * new file or a regular file, which is replaced whole; never a folder, a device or a FIFO,
 * nor one of the files the run reads (`inputs`: the credential report, the suppressions
 * file), which it would overwrite.
 */
async function checkOutputFile(path, flag, inputs) {
    const refuse = (why) => new errors/* ConfigurationError */.j1(`${flag} ${JSON.stringify(path)}: ${why}; give the path of a file to write the report to, or - for standard output.`);
    if (/[/\\]$/.test(path))
        throw refuse('names a folder');
    // A file this run writes too, that does not exist yet, has no inode to compare: its name does.
    const same = inputs.find((input) => input !== null && (0,external_node_path_.resolve)(input) === (0,external_node_path_.resolve)(path));
    if (same !== undefined && same !== null)
        throw refuse(`is ${same}, which this run reads or writes`);
    const info = await (0,promises_.stat)(path).catch((error) => {
        const code = error.code;
        if (code === 'ENOENT')
            return null;
        throw refuse(`cannot be checked (${code ?? String(error)})`);
    });
    if (info === null) {
        // A link to nothing would be written through to wherever it points.
        if ((await (0,promises_.lstat)(path).catch(() => null))?.isSymbolicLink()) {
            throw refuse('is a symbolic link to nothing');
        }
        return;
    }
    const notAFile = (0,file_kind/* notARegularFile */.j)(info);
    if (notAFile !== null)
        throw refuse(notAFile);
    for (const input of inputs) {
        if (input === null)
            continue;
        const read = await (0,promises_.stat)(input).catch(() => null);
        if (read !== null && read.dev === info.dev && read.ino === info.ino) {
            throw refuse(`is ${input}, which this run reads or writes`);
        }
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
;// CONCATENATED MODULE: ./src/io/bounded-fetch.ts

/** A request that got no complete answer within its deadline. */
class DeadlineError extends Error {
    name = 'DeadlineError';
}
/** An answer larger than its bound; nothing past the bound was read. */
class TooLargeError extends Error {
    name = 'TooLargeError';
}
/**
 * `fetch` with a total deadline, from sending the request to the last byte of the answer,
 * and the answer read whole into memory up to a size: an endpoint that never answers, drips
 * a byte at a time, or answers without end cannot hold the run or fill its memory. The
 * Response returned holds the whole answer.
 */
function boundedFetch(bounds) {
    return async (input, init) => {
        const deadline = new AbortController();
        const late = new DeadlineError(`no complete answer within ${bounds.ms / 1000} s`);
        const timer = setTimeout(() => {
            deadline.abort(late);
        }, bounds.ms);
        const signal = init?.signal == null ? deadline.signal : AbortSignal.any([init.signal, deadline.signal]);
        try {
            const answer = await proxiedFetch(input, { ...init, signal });
            const body = await readAll(answer.body, bounds.answerBytes);
            const empty = [101, 204, 205, 304].includes(answer.status);
            return new Response(empty ? null : body, {
                status: answer.status,
                statusText: answer.statusText,
                headers: [...answer.headers],
            });
        }
        catch (error) {
            if (deadline.signal.aborted)
                throw late;
            throw error;
        }
        finally {
            clearTimeout(timer);
        }
    };
}
async function readAll(stream, maxBytes) {
    if (stream === null)
        return new Uint8Array();
    const reader = stream.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw new TooLargeError(`an answer of more than ${maxBytes / 1024} KiB`);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks);
}
/**
 * fetch through the proxy the environment names for the URL (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY, as curl and the runner read them), direct otherwise.
 */
function proxiedFetch(input, init) {
    return (0,undici/* fetch */.hd)(input, {
        ...init,
        dispatcher: PROXY_AWARE,
    });
}
const PROXY_AWARE = new undici/* EnvHttpProxyAgent */.J2();

;// CONCATENATED MODULE: ./src/github/answers.ts
/** How octokit reports GitHub's answers and failures, read the same way by every call. */
/**
 * What failed on the way rather than in GitHub's answer: octokit reports an error of fetch
 * itself as HTTP 500, with the error as its cause.
 */
function failedOnTheWay(error) {
    const cause = error?.cause;
    return cause instanceof Error ? cause : null;
}
/** The first line of a failed request's message (GitHub's words, or the cause's). */
function firstLineOf(error) {
    return error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error);
}
/**
 * An answer of another media type than application/json (raw contents, SARIF) as text:
 * octokit hands it over as text or as bytes. Null when it is neither.
 */
function bodyText(data) {
    if (typeof data === 'string')
        return data;
    return data instanceof ArrayBuffer ? new TextDecoder().decode(data) : null;
}

;// CONCATENATED MODULE: ./src/github/upload.ts








/**
 * The repository, commit and ref to upload for, from the runner's variables: `GITHUB_SHA`
 * and `GITHUB_REF` as they are, as github/codeql-action does. On a pull request they are the
 * merge commit and `refs/pull/N/merge`, a pair code scanning knows; the head commit with the
 * merge ref is not. Null outside a workflow run that names them.
 */
function codeScanningTarget(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const ref = env.GITHUB_REF ?? '';
    const commitSha = env.GITHUB_SHA ?? '';
    if (!owner || !repo || !commitSha || !ref)
        return null;
    return { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', owner, repo, commitSha, ref };
}
/** How often processing is asked about. */
const POLL_MS = [1_000, 2_000, 3_000, 5_000];
/** The wait before the second and third attempt of a request that failed on the way. */
const RETRY_MS = [1_000, 2_000];
/**
 * Uploads a SARIF log to code scanning (gzip, then base64, as the API takes it) and waits,
 * within a bound, until GitHub has processed it. Every request has a
 * total deadline and a bound on its answer (UPLOAD_LIMITS); one that fails with 5xx, 429 or
 * a broken connection is tried again, up to UPLOAD_LIMITS.attempts times.
 */
async function uploadSarif(sarif, token, target, deps) {
    const octokit = (0,github/* getOctokit */.Q)(token, { baseUrl: target.apiUrl });
    const where = `${target.owner}/${target.repo}`;
    const retrying = (request, stillTime) => (0,p_retry/* default */.A)(request, {
        retries: UPLOAD_LIMITS.attempts - 1,
        minTimeout: RETRY_MS[0],
        factor: RETRY_MS[1] / RETRY_MS[0],
        randomize: false,
        shouldRetry: (error) => stillTime() && isTransient(error),
    });
    const sarifField = (0,external_node_zlib_.gzipSync)(sarif).toString('base64');
    let id;
    try {
        const answer = await retrying(() => octokit.rest.codeScanning.uploadSarif({
            owner: target.owner,
            repo: target.repo,
            commit_sha: target.commitSha,
            ref: target.ref,
            sarif: sarifField,
            checkout_uri: target.checkoutUri,
            started_at: target.startedAt,
            tool_name: src_version/* TOOL_NAME */.lH,
            request: { fetch: UPLOAD_FETCH },
        }), () => true);
        id = answer.data.id ?? '';
    }
    catch (error) {
        throw new errors/* UploadError */.oW(`upload-sarif: ${apiFailure(error, where)}`);
    }
    if (id === '')
        throw new errors/* UploadError */.oW('upload-sarif: GitHub accepted the SARIF but returned no id.');
    deps.log(`SARIF uploaded to code scanning of ${where} (id ${id}); waiting for it to be processed…`);
    const deadline = deps.now().getTime() + UPLOAD_LIMITS.processingMs;
    const beforeDeadline = () => deps.now().getTime() <= deadline;
    for (let attempt = 0;; attempt++) {
        await deps.sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)] ?? 5_000);
        let status;
        try {
            status = (await retrying(() => octokit.rest.codeScanning.getSarif({
                owner: target.owner,
                repo: target.repo,
                sarif_id: id,
                request: { fetch: POLL_FETCH },
            }), beforeDeadline)).data;
        }
        catch (error) {
            // Just after the upload the id may not be known yet.
            if (error.status !== 404) {
                throw new errors/* UploadError */.oW(`upload-sarif: ${apiFailure(error, where)}`);
            }
            status = {};
        }
        if (status.processing_status === 'complete')
            return { kind: 'uploaded', id };
        if (status.processing_status === 'failed') {
            throw new errors/* UploadError */.oW(`upload-sarif: code scanning could not process the SARIF (id ${id}): ${(status.errors ?? []).join('; ') || 'no reason given'}.`);
        }
        if (deps.now().getTime() > deadline) {
            return {
                kind: 'not-processed',
                id,
                reason: `upload-sarif: the SARIF (id ${id}) was uploaded but not processed within ${UPLOAD_LIMITS.processingMs / 1000} s; see the repository's code scanning page.`,
            };
        }
    }
}
const UPLOAD_FETCH = boundedFetch({
    ms: UPLOAD_LIMITS.uploadMs,
    answerBytes: UPLOAD_LIMITS.answerBytes,
});
const POLL_FETCH = boundedFetch({
    ms: UPLOAD_LIMITS.pollMs,
    answerBytes: UPLOAD_LIMITS.answerBytes,
});
/**
 * Worth another attempt: GitHub's 5xx and 429, and a connection that broke. An answer past
 * its deadline or its size is not: the next one would be no different.
 */
function isTransient(error) {
    const cause = failedOnTheWay(error);
    if (cause !== null)
        return !(cause instanceof DeadlineError || cause instanceof TooLargeError);
    const status = error.status;
    return typeof status === 'number' && (status >= 500 || status === 429);
}
/** One line for a failed API call: what GitHub said, and what it means here. */
function apiFailure(error, where) {
    const cause = failedOnTheWay(error);
    if (cause instanceof DeadlineError || cause instanceof TooLargeError) {
        return `the code-scanning API of ${where} gave ${cause.message}; see https://www.githubstatus.com, or upload with github/codeql-action/upload-sarif.`;
    }
    // octokit's message for a failure on the way is its cause's own words.
    const status = cause === null ? error.status : undefined;
    const message = firstLineOf(error);
    if (status === 403 && /advanced security|code scanning is not enabled/i.test(message)) {
        return `code scanning is not enabled for ${where} (HTTP 403: ${message}).`;
    }
    if (status === 403) {
        return `GitHub refused the upload to ${where} (HTTP 403: ${message}); the token needs security-events: write.`;
    }
    if (status === 404) {
        return `GitHub found no repository ${where} or no code scanning there for this token (HTTP 404: ${message}).`;
    }
    return `the code-scanning API of ${where} failed (${status === undefined ? 'no answer' : `HTTP ${status}`}: ${message}).`;
}

;// CONCATENATED MODULE: ./src/github/base-file.ts
/** A file of the repository as it is at a commit, read with the contents API, bounded. */




/** A suppressions file is a short list; its answer is read up to this size, in 10 s. */
const CONTENTS_FETCH = boundedFetch({ ms: 10_000, answerBytes: 1024 * 1024 + 4096 });
async function readFileAtCommit(target, token, path, commit) {
    const octokit = (0,github/* getOctokit */.Q)(token, { baseUrl: target.apiUrl });
    try {
        const answer = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
            owner: target.owner,
            repo: target.repo,
            path,
            ref: commit,
            headers: { accept: 'application/vnd.github.raw+json' },
            request: { fetch: CONTENTS_FETCH },
        });
        const text = bodyText(answer.data);
        if (text === null)
            return { kind: 'unreadable', reason: `${path} at the base is not a file` };
        return { kind: 'text', text };
    }
    catch (error) {
        const status = error.status;
        if (status === 404)
            return { kind: 'missing' };
        const why = `${status === undefined ? 'no answer' : `HTTP ${status}`}: ${firstLineOf(error)}`;
        return {
            kind: 'unreadable',
            reason: (0,secrets/* redacted */.p)(`the contents API gave no ${path} at the base (${why})`),
        };
    }
}

;// CONCATENATED MODULE: ./src/github/history.ts
/**
 * Reads what code scanning knows of this tool's earlier runs in a repository: its alerts
 * on the default branch, and the link from each result of the category's latest analysis
 * to its alert. Bounded in time, pages and size; anything that cannot be read is a reason,
 * never a failure of the run.
 */








const PAGE_FETCH = boundedFetch({
    ms: HISTORY_LIMITS.requestMs,
    answerBytes: HISTORY_LIMITS.answerBytes,
});
const SARIF_FETCH = boundedFetch({
    ms: HISTORY_LIMITS.requestMs,
    answerBytes: HISTORY_LIMITS.sarifBytes,
});
/** Ends the read with a reason for the summary. */
class Unreadable extends Error {
    name = 'Unreadable';
}
const history_text = (value) => (typeof value === 'string' ? value : null);
/** The alerts and the latest analysis of `category`, or why they could not be read. */
async function readCodeScanningHistory(target, token, category, now) {
    const octokit = (0,github/* getOctokit */.Q)(token, { baseUrl: target.apiUrl });
    const where = `${target.owner}/${target.repo}`;
    const deadline = now().getTime() + HISTORY_LIMITS.totalMs;
    const inTime = () => {
        if (now().getTime() > deadline) {
            throw new Unreadable(`reading it took longer than ${HISTORY_LIMITS.totalMs / 1000} s`);
        }
    };
    const get = async (route, parameters, sarif = false) => {
        inTime();
        try {
            const answer = await octokit.request(route, {
                owner: target.owner,
                repo: target.repo,
                ...parameters,
                ...(sarif ? { headers: { accept: 'application/sarif+json' } } : {}),
                request: { fetch: sarif ? SARIF_FETCH : PAGE_FETCH },
            });
            return (sarif ? parsedSarif(answer.data) : answer.data);
        }
        catch (error) {
            if (error instanceof Unreadable)
                throw error;
            throw new Unreadable(failure(error));
        }
    };
    /** Every page of a listing: up to the cap, and never the same page twice. */
    const pages = async (route, parameters) => {
        const all = [];
        let previous = null;
        for (let page = 1; page <= HISTORY_LIMITS.pages; page++) {
            const items = await get(route, { ...parameters, per_page: 100, page });
            if (!Array.isArray(items))
                throw new Unreadable('GitHub answered a listing with no list');
            const key = JSON.stringify(items[0] ?? null);
            if (items.length > 0 && key === previous) {
                throw new Unreadable(`GitHub answered page ${page} as page ${page - 1}`);
            }
            previous = key;
            all.push(...items);
            if (items.length < 100)
                return all;
        }
        throw new Unreadable(`more than ${HISTORY_LIMITS.pages} pages of ${route.split('/').pop() ?? 'results'}`);
    };
    try {
        const repository = await get('GET /repos/{owner}/{repo}', {});
        const branch = history_text(repository.default_branch);
        if (branch === null)
            throw new Unreadable(`GitHub named no default branch of ${where}`);
        const ref = `refs/heads/${branch}`;
        const alerts = (await pages('GET /repos/{owner}/{repo}/code-scanning/alerts', {
            tool_name: src_version/* TOOL_NAME */.lH,
            ref,
        })).flatMap((raw) => readAlert(raw, category));
        const analyses = await pages('GET /repos/{owner}/{repo}/code-scanning/analyses', {
            tool_name: src_version/* TOOL_NAME */.lH,
            ref,
        });
        // Newest first, as GitHub lists them: the first of the category is the latest.
        const latest = analyses.find((a) => history_text(a.category) === category && history_text(a.tool?.name) === src_version/* TOOL_NAME */.lH);
        const alertOf = new Map();
        const principals = new Map();
        if (latest !== undefined && typeof latest.id === 'number') {
            const log = await get('GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}', { analysis_id: latest.id }, true);
            for (const result of resultsOf(log)) {
                const print = result.partialFingerprints?.[FINGERPRINT_KEY];
                const number = result.properties?.['github/alertNumber'];
                if (typeof print !== 'string' || typeof number !== 'number')
                    continue;
                alertOf.set(print, number);
                const arn = principalOf(result);
                if (arn !== null)
                    principals.set(print, arn);
            }
        }
        return {
            kind: 'read',
            source: 'code scanning',
            alerts,
            alertOf,
            known: new Set(),
            principals,
        };
    }
    catch (error) {
        if (!(error instanceof Unreadable))
            throw error;
        return { kind: 'unreadable', reason: `code scanning of ${where}: ${(0,secrets/* redacted */.p)(error.message)}` };
    }
}
/** An alert of this tool and category, as the audit reads it; none for anything else. */
function readAlert(raw, category) {
    const state = raw.state;
    if (typeof raw.number !== 'number' ||
        (state !== 'open' && state !== 'dismissed' && state !== 'fixed')) {
        return [];
    }
    if (history_text(raw.tool?.name) !== src_version/* TOOL_NAME */.lH || history_text(raw.most_recent_instance?.category) !== category) {
        return [];
    }
    return [
        {
            number: raw.number,
            state,
            url: history_text(raw.html_url),
            createdAt: history_text(raw.created_at),
            dismissal: state === 'dismissed'
                ? {
                    reason: history_text(raw.dismissed_reason) ?? 'dismissed',
                    comment: history_text(raw.dismissed_comment),
                    by: history_text(raw.dismissed_by?.login),
                    at: history_text(raw.dismissed_at),
                }
                : null,
        },
    ];
}
/**
 * An analysis as GitHub sends it with `Accept: application/sarif+json`, which octokit does
 * not parse.
 */
function parsedSarif(data) {
    const text = bodyText(data);
    if (text === null)
        return data;
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Unreadable('the latest analysis is not JSON');
    }
}
/** The results of an analysis read as SARIF. */
function resultsOf(log) {
    const runs = log?.runs;
    if (!Array.isArray(runs))
        throw new Unreadable('the latest analysis is not a SARIF log');
    return runs.flatMap((run) => Array.isArray(run.results) ? run.results : []);
}
/** One line for a failed request: GitHub's status and words, or what failed on the way. */
function failure(error) {
    const cause = error?.cause;
    if (cause instanceof DeadlineError || cause instanceof TooLargeError)
        return cause.message;
    const status = error.status;
    const message = firstLineOf(error);
    if (status === 403)
        return `HTTP 403 (${message}); the token needs security-events: read`;
    if (status === 404)
        return `HTTP 404 (${message}); code scanning may be off for the repository`;
    return status === undefined ? `no answer (${message})` : `HTTP ${status} (${message})`;
}

;// CONCATENATED MODULE: ./src/io/baseline-file.ts





/** The largest baseline read: code scanning takes at most 25,000 results in a run. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
/**
 * An earlier SARIF log of this tool as the history of a run: the fingerprints of its
 * results were open then. Anything else at `path` is refused in one line naming it.
 */
async function readBaseline(path) {
    const refuse = (why) => new errors/* ConfigurationError */.j1(`--baseline ${JSON.stringify(path)}: ${why}; give a SARIF log that iam-mfa-audit wrote.`);
    const text = await (0,file_kind/* readRegularFile */.X)(path, MAX_BASELINE_BYTES, refuse);
    let log;
    try {
        log = JSON.parse(text);
    }
    catch {
        throw refuse('is not JSON');
    }
    const { version, runs } = (log ?? {});
    if (version !== '2.1.0' || !Array.isArray(runs) || runs.length === 0) {
        throw refuse('is not a SARIF 2.1.0 log');
    }
    const known = new Set();
    const principals = new Map();
    for (const run of runs) {
        const tool = run.tool?.driver?.name;
        if (tool !== src_version/* TOOL_NAME */.lH)
            throw refuse(`holds a run of another tool (${JSON.stringify(tool)})`);
        for (const result of Array.isArray(run.results) ? run.results : []) {
            const print = result.partialFingerprints?.[FINGERPRINT_KEY];
            if (typeof print !== 'string')
                continue;
            known.add(print);
            const arn = principalOf(result);
            if (arn !== null)
                principals.set(print, arn);
        }
    }
    return {
        kind: 'read',
        source: `the baseline ${path}`,
        alerts: [],
        alertOf: new Map(),
        known,
        principals,
    };
}

;// CONCATENATED MODULE: ./src/read-history.ts



const NONE = { kind: 'none' };
/**
 * How a run reads its history. A baseline file is read now, before the audit, so a bad one
 * stops the run before any AWS call; code scanning is read once the run's category is known.
 */
async function historyReader(source, context, now) {
    switch (source.kind) {
        case 'none':
            return () => Promise.resolve(NONE);
        case 'baseline': {
            const baseline = await readBaseline(source.path);
            return () => Promise.resolve(baseline);
        }
        case 'code-scanning': {
            // Outside a workflow run that names a repository there is no code scanning to ask.
            const target = context.codeScanning;
            if (target === null)
                return () => Promise.resolve(NONE);
            return (category) => readCodeScanningHistory(target, source.token, category, now);
        }
    }
}
/**
 * On a pull request, how a file is read as its base holds it: with the contents API and the
 * same token, so a shallow checkout does not matter. Null on other runs.
 */
function baseReader(source, context) {
    const { codeScanning: target, pullRequestBase: base } = context;
    if (source.kind !== 'code-scanning' || target === null || base === null)
        return null;
    return (path) => readFileAtCommit(target, source.token, path, base);
}

;// CONCATENATED MODULE: ./src/io/oidc-token.ts


const fetchToken = boundedFetch({
    ms: OIDC_LIMITS.requestMs,
    answerBytes: OIDC_LIMITS.answerBytes,
});
/**
 * GitHub's OIDC token, asked for as `@actions/core`'s getIDToken does, but each request is
 * one bounded attempt: it ends within OIDC_LIMITS.requestMs, answered or not, so a retry is
 * always a new request and no stuck one holds the run. It prints nothing (core's writes the
 * token to stdout as a mask command, and the CLI's stdout is its report); the caller masks it.
 */
async function fetchIdToken(env, audience) {
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
    url.searchParams.set('audience', audience);
    const answer = await fetchToken(url, {
        headers: {
            authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`,
            accept: 'application/json',
        },
    });
    // The same wording as @actions/core, so the retry policy reads the status the same way.
    if (!answer.ok) {
        throw new Error(`Failed to get ID Token. Error Code : ${answer.status}`);
    }
    let value;
    try {
        ({ value } = (await answer.json()));
    }
    catch {
        value = undefined;
    }
    if (typeof value !== 'string' || value === '') {
        throw new Error('Response json body do not have ID Token field');
    }
    return value;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/io/workflow.ts




const set = (value) => value === undefined || value === '' ? null : value;
/** The run as the runner's variables describe it; null outside a workflow. */
function workflowRun(env) {
    // GITHUB_WORKFLOW_REF is `owner/repo/PATH@REF`.
    const path = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
    if (path === undefined)
        return null;
    return {
        path,
        job: set(env.GITHUB_JOB),
        step: set(env.GITHUB_ACTION),
        actionRepository: set(env.GITHUB_ACTION_REPOSITORY),
        actionPath: set(env.GITHUB_ACTION_PATH),
    };
}
/** The repository and commit of the run, for SARIF's versionControlProvenance. */
function provenanceOf(env) {
    const server = set(env.GITHUB_SERVER_URL) ?? 'https://github.com';
    const repository = set(env.GITHUB_REPOSITORY);
    const revision = set(env.GITHUB_SHA);
    if (repository === null || revision === null)
        return null;
    const branch = env.GITHUB_REF?.startsWith('refs/heads/') ? env.GITHUB_REF.slice(11) : null;
    return { repositoryUri: `${server}/${repository}`, revisionId: revision, branch };
}
/**
 * The 1-based line of the step that runs this action in a workflow file, or null when no
 * step can be told to be it. The step is found in the job GITHUB_JOB names: by its `id`
 * (GITHUB_ACTION), else by its `uses:` — `owner/repo[/path]@ref` for a published action,
 * a local path (`./`, `./path`) resolved against the workspace for one in the repository.
 */
function lineOfStep(text, run, workspace) {
    const lines = new yaml_dist/* LineCounter */.HN();
    const document = (0,yaml_dist/* parseDocument */.Tp)(text, { lineCounter: lines });
    const jobs = document.get('jobs');
    if (!(0,yaml_dist/* isMap */.jh)(jobs))
        return null;
    const steps = jobs.items
        .filter((job) => run.job === null || ((0,yaml_dist/* isScalar */.jn)(job.key) && job.key.value === run.job))
        .flatMap((job) => {
        const list = (0,yaml_dist/* isMap */.jh)(job.value) ? job.value.get('steps') : null;
        return (0,yaml_dist/* isSeq */.oP)(list) ? list.items.filter(yaml_dist/* isMap */.jh) : [];
    });
    const stringAt = (step, key) => {
        const value = step.get(key);
        return typeof value === 'string' ? value : null;
    };
    const usesThisAction = (step) => {
        const uses = stringAt(step, 'uses');
        if (uses === null)
            return false;
        if (run.actionRepository !== null) {
            const [target = ''] = uses.split('@');
            const [owner, repo] = target.split('/');
            return `${owner ?? ''}/${repo ?? ''}`.toLowerCase() === run.actionRepository.toLowerCase();
        }
        if (!uses.startsWith('./') && uses !== '.')
            return false;
        return run.actionPath === null || (0,external_node_path_.resolve)(workspace, uses) === (0,external_node_path_.resolve)(run.actionPath);
    };
    const byId = steps.find((step) => run.step !== null && stringAt(step, 'id') === run.step);
    const step = byId ?? steps.find(usesThisAction);
    if (step === undefined)
        return null;
    // The `uses:` line names the action; a step without one is pointed at where it starts.
    const uses = step.items.find((pair) => (0,yaml_dist/* isScalar */.jn)(pair.key) && pair.key.value === 'uses');
    const offset = ((0,yaml_dist/* isScalar */.jn)(uses?.key) ? uses.key.range?.[0] : undefined) ?? step.range?.[0];
    return offset === undefined ? null : lines.linePos(offset).line;
}
/**
 * Reads the workflow file (at the edge: the pipeline itself reads no files) and finds the
 * step that runs this action. Says in the log when it cannot, rather than quietly using line 1.
 */
function readWorkflowContext(env, workspace) {
    const context = { provenance: provenanceOf(env), alertsUrl: alertsUrlOf(env) };
    const run = workflowRun(env);
    if (run === null)
        return { workflow: null, ...context };
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(workspace, run.path), 'utf8');
    }
    catch (error) {
        const code = error.code ?? String(error);
        return {
            workflow: { path: run.path, line: 1 },
            ...context,
            anchorNote: `Alerts point at line 1 of ${run.path}: the workflow file could not be read from the workspace (${code}); check out the repository before this step to anchor them on the step.`,
        };
    }
    const line = lineOfStep(text, run, workspace);
    if (line !== null)
        return { workflow: { path: run.path, line }, ...context };
    return {
        workflow: { path: run.path, line: 1 },
        ...context,
        anchorNote: `Alerts point at line 1 of ${run.path}: no step of job ${run.job ?? '(any)'} in it runs this action (step ${run.step ?? 'unknown'}).`,
    };
}
/** The largest event payload read: GitHub caps a webhook payload at 25 MB. */
const MAX_EVENT_BYTES = 25 * 1024 * 1024;
/**
 * On a `pull_request` (or `pull_request_target`) run, the base commit from the event the
 * runner wrote (GITHUB_EVENT_PATH); null on other runs, or when the event cannot be read.
 */
function pullRequestBase(env) {
    const event = env.GITHUB_EVENT_NAME;
    const path = set(env.GITHUB_EVENT_PATH);
    if ((event !== 'pull_request' && event !== 'pull_request_target') || path === null)
        return null;
    try {
        if ((0,external_node_fs_.statSync)(path).size > MAX_EVENT_BYTES)
            return null;
        const payload = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        const sha = payload.pull_request?.base?.sha;
        return typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha) ? sha : null;
    }
    catch {
        return null;
    }
}
/** The repository's open code-scanning alerts of this tool, in a workflow; null elsewhere. */
function alertsUrlOf(env) {
    const server = env.GITHUB_SERVER_URL ?? '';
    const repository = env.GITHUB_REPOSITORY ?? '';
    if (!/^https?:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository))
        return null;
    const query = encodeURIComponent(`is:open tool:${src_version/* TOOL_NAME */.lH}`);
    return `${server}/${repository}/security/code-scanning?query=${query}`;
}

;// CONCATENATED MODULE: ./src/io/system.ts






/**
 * An audit's deps for `plan`, read from the process once: clock, timer, GitHub's OIDC token,
 * the runner context (workspace, workflow step, commit and ref, pull-request base) and how
 * earlier runs are read (a baseline file is read now, so a bad one costs no AWS call). The
 * entry adds its log, progress and masking.
 */
async function systemDeps(plan, entry) {
    const env = process.env;
    // The runner starts steps in the workspace; outside a runner, where the user stands.
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const context = {
        workspace,
        workflow: readWorkflowContext(env, workspace),
        codeScanning: codeScanningTarget(env),
        // The event is read only when the suppressions file is compared with the base.
        pullRequestBase: plan.history.kind === 'code-scanning' ? pullRequestBase(env) : null,
    };
    const now = () => new Date();
    // The runner masks the workflow token and secrets itself; the audit keeps the token out of
    // what it writes (an API's error may echo it).
    if (plan.history.kind === 'code-scanning')
        (0,secrets/* rememberSecret */.G)(plan.history.token);
    return {
        ...entry,
        idTokenOffered: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL) && Boolean(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
        getIdToken: (audience) => fetchIdToken(env, audience),
        now,
        sleep: (ms) => (0,external_node_timers_promises_.setTimeout)(ms),
        context,
        readHistory: await historyReader(plan.history, context, now),
        readAtBase: baseReader(plan.history, context),
    };
}

// EXTERNAL MODULE: ./src/io/write-atomic.ts
var write_atomic = __webpack_require__(5865);
// EXTERNAL MODULE: ./src/options.ts
var options = __webpack_require__(8381);
;// CONCATENATED MODULE: ./src/sinks/sink.ts
/** Nothing delivered yet. */
const NOTHING_DELIVERED = { sarifFile: null, sarifText: null, upload: null };

;// CONCATENATED MODULE: ./src/run.ts



/**
 * Prepares every sink, audits, then emits the outcome to each sink in order. A required
 * sink's failure is thrown (the run is an error); an optional sink's failure is passed to
 * `warn` and the others are emitted all the same.
 */
async function runAudit(plan, deps, sinks, warn) {
    for (const sink of sinks)
        await sink.prepare?.();
    let outcome = { ...(await audit(plan, deps)), ...NOTHING_DELIVERED };
    for (const sink of sinks) {
        try {
            outcome = { ...outcome, ...(await sink.emit(outcome)) };
        }
        catch (error) {
            if (sink.required)
                throw error;
            warn(`The ${sink.name} could not be written (${(0,errors/* failureOf */.g5)(error).reason}); the verdict stands.`);
        }
    }
    const { verdict, upload } = outcome;
    return {
        outcome,
        failures: [
            ...(verdict.result === 'fail' ? [verdict.why] : []),
            ...(upload?.kind === 'failed' ? [upload.reason] : []),
        ],
    };
}

// EXTERNAL MODULE: ./src/io/sarif-file.ts
var sarif_file = __webpack_require__(1868);
;// CONCATENATED MODULE: ./src/sinks/sarif-file.ts





/** The SARIF log of an outcome, as the file holds it. */
function sarifLogText(outcome, category) {
    const sarif = renderSarif({
        ...outcome,
        category,
        tool: { name: src_version/* TOOL_NAME */.lH, version: src_version/* VERSION */.xv, informationUri: src_version/* HOMEPAGE */.py, rulesUri: src_version/* RULES_URI */.vh },
    });
    return `${(0,src_text/* inertJson */.nl)(sarif, 2)}\n`;
}
/**
 * The SARIF log: rendered for every run (an upload sends it), and written at `sarif-file`
 * when there is one (`-` or /dev/stdout: standard output, through `write`). Required, since
 * code scanning and the gate read it. Its path is checked before the audit, so a bad path
 * replaces nothing and costs no AWS call.
 */
function sarifSink(outputs, source, write) {
    const given = outputs.sarifFile;
    const toFile = given !== null && !(0,options/* isStandardOutput */.HT)(given);
    let target = null;
    return {
        name: 'SARIF file',
        required: true,
        prepare: async () => {
            if (!toFile)
                return;
            target = await (0,sarif_file/* sarifTarget */.VR)(given, source.kind === 'report-file' ? source.path : null);
        },
        emit: async (outcome) => {
            const text = sarifLogText(outcome, outputs.sarifCategory);
            if (given === null)
                return { sarifFile: null, sarifText: text };
            if (toFile)
                await (0,sarif_file/* writeSarif */.lg)(given, target ?? given, text);
            else if (write)
                write(text);
            else
                throw new Error('this entry writes no SARIF to standard output');
            return { sarifFile: given, sarifText: text };
        },
    };
}

;// CONCATENATED MODULE: ./src/sinks/upload.ts



/**
 * The upload of the SARIF log to code scanning. It never loses the audit: a failed upload is
 * an outcome (the step fails once every other output is written), and one not processed in
 * time a warning, as github/codeql-action treats it.
 */
function uploadSink(token, context, deps) {
    return {
        name: 'code-scanning upload',
        required: false,
        emit: async ({ sarifText, startedAt }) => {
            const { codeScanning } = context;
            try {
                if (sarifText === null)
                    throw new errors/* UploadError */.oW('upload-sarif: no SARIF log was written.');
                if (codeScanning === null) {
                    throw new errors/* UploadError */.oW('upload-sarif: the workflow run names no repository, commit or ref (GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF); upload from a workflow, or leave upload-sarif false.');
                }
                const target = {
                    ...codeScanning,
                    checkoutUri: (0,external_node_url_.pathToFileURL)(context.workspace).href,
                    startedAt: startedAt.toISOString(),
                };
                return { upload: await uploadSarif(sarifText, token, target, deps) };
            }
            catch (error) {
                // An error that is not the upload's own is a bug, and is thrown on.
                if (!(error instanceof errors/* UploadError */.oW))
                    throw error;
                return { upload: { kind: 'failed', reason: (0,errors/* failureOf */.g5)(error).reason } };
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/sinks/delivery.ts


/**
 * The sinks every entry delivers the results with: the SARIF log, and its upload to code
 * scanning when asked for (the token masked first). `write` takes a SARIF log sent to
 * standard output (the CLI's `--sarif-file -`).
 */
function deliverySinks(plan, deps, write) {
    const { uploadToken } = plan.outputs;
    if (uploadToken === null)
        return [sarifSink(plan.outputs, plan.source, write)];
    deps.setSecret(uploadToken);
    return [sarifSink(plan.outputs, plan.source, write), uploadSink(uploadToken, deps.context, deps)];
}

;// CONCATENATED MODULE: ./src/surface/progress.ts
/** How often the log says how far long work has got. */
const PROGRESS_LOG_INTERVAL_MS = 10_000;
const count = (n) => n.toLocaleString('en-US');
/**
 * A task that calls `show` every `everyMs` while it runs (and at once with `showAtStart`),
 * and `finish` once when it ends; its timer never keeps the process alive after the work.
 */
function timedTask(what, total, now, everyMs, show, finish, showAtStart = false) {
    const startedAt = now();
    let done = 0;
    const state = () => ({
        total,
        done,
        line: total === null
            ? `${what}: ${Math.floor((now() - startedAt) / 1000)} s`
            : `${count(done)} of ${count(total)} ${what}`,
    });
    const timer = setInterval(() => {
        show(state());
    }, everyMs);
    timer.unref();
    if (showAtStart)
        show(state());
    let ended = false;
    return {
        advance: () => {
            done += 1;
        },
        end: () => {
            if (ended)
                return;
            ended = true;
            clearInterval(timer);
            finish(state());
        },
    };
}
/**
 * Progress as log lines, one every `intervalMs` while the work lasts, so a log never goes
 * quiet for longer than that; a counted piece of work also logs its last count when it ends.
 */
function progressLog(log, intervalMs = PROGRESS_LOG_INTERVAL_MS, now = Date.now) {
    return {
        begin: (what, total) => timedTask(what, total, now, intervalMs, (r) => {
            log(r.line);
        }, (r) => {
            if (r.total !== null && r.total > 0)
                log(r.line);
        }),
    };
}
/** How often the bar is redrawn. */
const BAR_REDRAW_MS = 100;
const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\u001b[2K';
/**
 * Progress as a bar on a terminal, redrawn in place; `clear` removes it so a log line can be
 * written, and the next redraw puts it back.
 */
function progressBar(stream, now = Date.now) {
    let shown = false;
    const clear = () => {
        if (shown)
            stream.write(CLEAR_LINE);
        shown = false;
    };
    const draw = (r) => {
        const filled = r.total === null || r.total === 0
            ? null
            : Math.min(BAR_WIDTH, Math.floor((r.done / r.total) * BAR_WIDTH));
        const bar = filled === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
        stream.write(`${CLEAR_LINE}${bar}${r.line}`);
        shown = true;
    };
    return {
        clear,
        begin(what, total) {
            return timedTask(what, total, now, BAR_REDRAW_MS, draw, clear, true);
        },
    };
}

;// CONCATENATED MODULE: ./src/render/describe.ts
/** Plain-text descriptions shared by the outputs: where data came from, dates, severities. */


function ageMinutes(then, now) {
    return Math.max(0, Math.round((now.getTime() - then.getTime()) / 60_000));
}
/** One line naming the data source and its time. */
function describeSource(source, now) {
    switch (source.kind) {
        case 'report-file':
            return `credential report file ${source.path} (file modified ${(0,src_text/* minuteUtc */.X3)(source.modifiedAt)})`;
        case 'live-report':
            return `live credential report generated ${(0,src_text/* minuteUtc */.X3)(source.generatedAt)} (${ageMinutes(source.generatedAt, now)} minutes before the audit; ${source.generatedByThisRun ? 'generated by this run' : 'an earlier report AWS returned from its cache'})`;
        case 'live-enumeration':
            return `live per-user enumeration (ListUsers, GetLoginProfile, ListMFADevices) because ${source.reason}`;
        case 'not-audited':
            return `not audited: ${source.reason}`;
    }
}
/**
 * How a cached report was brought up to date, and the window it covers: CloudTrail delivers
 * events within minutes, so changes of the last minutes before the run may not be in it.
 */
function describeVerification(v) {
    const ignored = v.eventsIgnored === 0
        ? ''
        : `; ${(0,src_text/* plural */.LS)(v.eventsIgnored, 'event')} of other services or of failed calls ignored`;
    return `the report was ${v.reportAgeMinutes} minutes old, so it was checked against the ${(0,src_text/* plural */.LS)(v.listed, 'user')} iam:ListUsers lists now (${v.createdSince} created, renamed, moved or re-created since, ${v.deletedSince} gone) and the password and MFA changes CloudTrail recorded from ${(0,src_text/* minuteUtc */.X3)(v.changesSince)}: ${(0,src_text/* plural */.LS)(v.readLive, 'user')} read live${ignored}. Changes made before ${(0,src_text/* minuteUtc */.X3)(v.changesCertainUntil)} are certainly included; a password or MFA change made after it may not have been delivered by CloudTrail yet (about 5 minutes on average, not guaranteed)`;
}
/** A finding's severity, and the end of its grace period while it runs. */
function severityText(finding) {
    return finding.graceUntil === null
        ? finding.severity
        : `${finding.severity}, grace period until ${(0,src_text/* minuteUtc */.X3)(finding.graceUntil)}`;
}
/**
 * The last console sign-in as a reader wants it: a day and its age, `never`, `no password`
 * or `unknown`.
 */
function passwordLastUsedText(principal, now) {
    if (principal.consolePassword === false)
        return 'no password';
    return principal.passwordLastUsed === null
        ? 'unknown'
        : (0,src_text/* dayAndAge */.Ln)(principal.passwordLastUsed, now);
}
/** The last console sign-in in a few characters: `412 d ago`, `today`, `never`, `unknown`. */
function lastSignInShort(principal, now) {
    if (principal.consolePassword === false)
        return 'no password';
    const used = principal.passwordLastUsed;
    if (used === null)
        return 'unknown';
    if (used === 'never')
        return 'never';
    const days = (0,src_text/* daysAgo */.HM)(used, now);
    if (days === null)
        return 'unknown';
    return days <= 0 ? 'today' : `${days.toLocaleString('en-US')} d ago`;
}
/** When the principal was created: a day and its age, or `unknown`. */
function createdText(principal, now) {
    return principal.createdAt === null ? 'unknown' : (0,src_text/* dayAndAge */.Ln)(principal.createdAt, now);
}
/** `1 critical`, `4 high`: the findings of each severity, most severe first, zeros left out. */
function severityCounts(findings) {
    return model/* SEVERITIES */.oC.flatMap((s) => {
        const n = findings.filter((f) => f.severity === s).length;
        return n === 0 ? [] : [`${n} ${s}`];
    });
}

;// CONCATENATED MODULE: ./src/rules/fix-script.ts
/** IAM's user-name characters: such a name needs no quoting in a shell command. */
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
/**
 * The commands that fix one finding of `rule`, with its user, account and partition filled
 * in, as shell lines under a comment naming the user. Null when the name is not one IAM
 * allows, so nothing from a report can be pasted into a shell.
 */
function fixScript(rule, finding, partition) {
    const { principal, fix } = finding;
    if (!IAM_NAME.test(principal.name))
        return null;
    const account = /^\d{12}$/.test(finding.accountId ?? '')
        ? (finding.accountId ?? '')
        : 'ACCOUNT_ID';
    const arnPartition = /^aws(-[a-z]+)*$/.test(partition) ? partition : 'aws';
    const who = principal.kind === 'root' ? `root of ${account}` : principal.name;
    return [`# ${who}: ${fix.text}`, ...rule.script(finding, { account, partition: arnPartition })];
}

;// CONCATENATED MODULE: ./src/render/markdown.ts
/**
 * Text from outside (user names, ARNs, paths, AWS's messages) made inert in GitHub's
 * Markdown: identifiers go in code spans, where nothing becomes a link, an image or markup;
 * prose keeps its words with the punctuation that could be markup escaped.
 */

/** Identifiers longer than this are shortened in the summary; the SARIF holds them whole. */
const CODE_MAX_CHARS = 200;
/**
 * `text` as a code span: on one line, with a fence longer than any run of backticks in it.
 * In a table cell a `|` is escaped, as GFM reads cells before code spans.
 */
function markdown_code(text, where = 'prose') {
    const oneLine = (0,src_text/* bounded */.Mm)((0,src_text/* visible */.RK)(text.replace(/\s+/g, ' ').trim()), CODE_MAX_CHARS);
    if (oneLine === '')
        return '(none)';
    const inner = where === 'cell' ? oneLine.replaceAll('|', '\\|') : oneLine;
    const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map(([run]) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${inner}${pad}${fence}`;
}
/**
 * Prose that keeps its words but loses any Markdown or HTML meaning: punctuation that could
 * be markup is backslash-escaped, and what GFM would make a link of (`www.`, `scheme://`,
 * an e-mail address) is broken with a character reference.
 */
function markdown_prose(text) {
    return (0,src_text/* visible */.RK)(text.replace(/\s+/g, ' '))
        .replace(/[\\`*_[\]<>|#~!&]/g, (c) => `\\${c}`)
        .replace(/\b(www)\./gi, '$1&#46;')
        .replace(/:\/\//g, '&#58;//')
        .replace(/@/g, '&#64;');
}
/** A code block whose fence no line of `lines` can close. */
function codeBlock(language, lines) {
    const shown = lines.map((line) => (0,src_text/* visible */.RK)(line));
    const longest = Math.max(0, ...shown.flatMap((l) => [...l.matchAll(/`+/g)].map(([r]) => r.length)));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return [`${fence}${language}`, ...shown, fence];
}

;// CONCATENATED MODULE: ./src/render/summary.ts







/** GitHub accepts 1 MiB of summary per step; the summary stops well before. */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Rows of an account's findings table: the alerts and the SARIF hold every finding. */
const SUMMARY_ROWS_PER_ACCOUNT = 50;
/** Users whose ARNs, dates and commands a rule's block lists, at most. */
const DETAILS_MAX_USERS = 50;
/** Accounts listed in a fleet's table, at most: the SARIF run lists every one. */
const ACCOUNTS_MAX_ROWS = 500;
/** Rows of the not-assessed and accepted tables, at most. */
const LIST_MAX_ROWS = 100;
/** Code scanning refuses a run with more results than this. */
const CODE_SCANNING_MAX_RESULTS = 25_000;
const ICON = { pass: '✅', incomplete: '⚠️', fail: '❌' };
/**
 * The job summary as Markdown, made to be read in GitHub's page: the verdict first, then per
 * account a table of four short columns, the ARNs, dates and commands folded per rule.
 * Bounded in size whatever the number of findings.
 */
function renderSummary(input) {
    const { accounts, findings, verdict, finishedAt } = input;
    const open = findings.filter((f) => f.suppression === null);
    const accepted = findings.length - open.length;
    const unassessed = notAssessedOf(accounts);
    const heading = `## ${ICON[verdict.result]} IAM MFA audit: ${verdict.result}`;
    if (findings.length === 0 && unassessed.length === 0 && quiet(input)) {
        return `${[heading, `${markdown_prose(verdict.why)} ${audited(accounts, finishedAt)}`].join('\n\n')}\n`;
    }
    const partition = partitionOf(accounts);
    const head = [
        heading,
        '',
        markdown_prose(verdict.why),
        '',
        ...uploadLines(input.upload ?? null),
        `- **Open findings:** ${countsBySeverity(open)}${accepted > 0 ? ` · **accepted:** ${accepted} (not counted)` : ''}${unassessed.length > 0 ? ` · **not assessed:** ${unassessed.length}` : ''}`,
        ...historyLines(input),
        `- **Audited:** ${audited(accounts, finishedAt)}`,
        `- **Rules:** ${input.rules.map((r) => `${r.id} (${r.severity})`).join(', ')}`,
        ...rulesNotApplicable(input.rules, partition).map(({ rule, reason }) => `- **${rule.id} does not apply in ${partition}:** ${markdown_prose(reason)}`),
        ...(input.alertsUrl
            ? [`- **Alerts:** [this tool's code-scanning alerts](${input.alertsUrl})`]
            : []),
        ...accounts.flatMap(({ snapshot }) => snapshot.notes.map((note) => `- ${soleAccount(accounts) === null ? `${markdown_code(snapshot.accountId ?? '')}: ` : ''}${markdown_prose(note)}`)),
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
        ...input.rules.flatMap((rule) => ruleDetails(rule, open.filter((f) => f.ruleId === rule.id), partition, finishedAt)),
        ...notAssessedSection(unassessed),
        ...(input.suppressions ? acceptedSection(findings, input.suppressions) : []),
        ...dataSources(accounts, finishedAt),
    ];
    return withinBudget([...head, ...sections]);
}
/** Whether a run says nothing beyond its verdict: no note, no suppression to look at. */
function quiet(input) {
    const s = input.suppressions;
    const suppressionNews = s !== undefined && s.expired.length + s.neverExpires.length + s.stale.length > 0;
    return (!suppressionNews &&
        (input.history?.kind ?? 'none') !== 'unreadable' &&
        input.suppressions?.pullRequest === undefined &&
        (input.fixed ?? []).length === 0 &&
        (input.upload ?? null) === null &&
        input.accounts.every((a) => a.snapshot.notes.length === 0) &&
        rulesNotApplicable(input.rules, partitionOf(input.accounts)).length === 0);
}
/** `1 critical · 4 high`, or `none`. */
function countsBySeverity(findings) {
    const counts = severityCounts(findings);
    return counts.length === 0 ? 'none' : counts.join(' · ');
}
/** What was audited: principals, account or accounts, and where the data came from. */
function audited(accounts, now) {
    const principals = (0,src_text/* plural */.LS)(principalCount(accounts), 'principal');
    const sole = soleAccount(accounts);
    if (sole === null) {
        const notAudited = accounts.filter((a) => a.snapshot.source.kind === 'not-audited').length;
        const of = `${accounts.length - notAudited} accounts${notAudited > 0 ? ` (${notAudited} more not audited)` : ''}`;
        return `${principals} of ${of}, partition ${partitionOf(accounts)}.`;
    }
    const account = sole.accountId === null ? 'an unknown account' : `account ${markdown_code(sole.accountId)}`;
    return `${principals} of ${account} (${sole.partition}), ${sourcePhrase(sole.source, now)}.`;
}
/** Where one account's data came from, in a few words; the folded block tells it in full. */
function sourcePhrase(source, now) {
    switch (source.kind) {
        case 'report-file':
            return `from the credential report file ${markdown_code(source.path)}`;
        case 'live-report':
            return `from a credential report ${ageMinutes(source.generatedAt, now)} minutes old${source.generatedByThisRun ? '' : ', brought up to date with CloudTrail'}`;
        case 'live-enumeration':
            return 'read user by user';
        case 'not-audited':
            return 'not audited';
    }
}
/** What became of the upload, when it did not simply land: above everything else. */
function uploadLines(upload) {
    if (upload === null || upload.kind === 'uploaded')
        return [];
    const lead = upload.kind === 'failed'
        ? '⛔ **The upload to code scanning failed:**'
        : '⚠️ **The upload was not processed in time:**';
    const after = upload.kind === 'failed'
        ? 'the findings below stand, and the step fails.'
        : 'the findings below stand.';
    return [`${lead} ${markdown_prose(upload.reason)} The audit finished: ${after}`, ''];
}
/** A fleet's accounts, one short row each. */
function accountsTable(accounts) {
    const rest = accounts.length - ACCOUNTS_MAX_ROWS;
    return [
        '',
        '### Accounts',
        '',
        '| Account | Principals | Open findings | Not assessed |',
        '| --- | ---: | ---: | ---: |',
        ...accounts.slice(0, ACCOUNTS_MAX_ROWS).map(({ snapshot: s, findings }) => {
            const open = findings.filter((f) => f.suppression === null).length;
            const principals = s.source.kind === 'not-audited' ? 'not audited' : String(s.principals.length);
            return `| ${markdown_code(s.accountId ?? '', 'cell')} | ${principals} | ${open} | ${s.notAssessed.length} |`;
        }),
        ...(rest > 0 ? ['', `${rest} more accounts: see the SARIF run's properties.`] : []),
    ];
}
/** An account's open findings: user, severity, last sign-in and what to do. */
function accountSection(account, input) {
    // New and reopened findings first: what this run brings is what a reader looks for.
    const open = account.findings
        .filter((f) => f.suppression === null)
        .sort((a, b) => rank(a) - rank(b));
    if (open.length === 0)
        return [];
    const title = soleAccount(input.accounts) === null
        ? `### Account ${markdown_code(account.snapshot.accountId ?? '')}: ${(0,src_text/* plural */.LS)(open.length, 'open finding')}`
        : `### ${(0,src_text/* plural */.LS)(open.length, 'open finding')}`;
    const shown = open.slice(0, SUMMARY_ROWS_PER_ACCOUNT);
    const more = open.length - shown.length;
    const where = input.sarifFile === null ? 'the SARIF' : `the SARIF file ${markdown_code(input.sarifFile)}`;
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
            return `| ${markdown_code(f.principal.name, 'cell')} | ${severity} | ${lastSignInShort(f.principal, input.finishedAt)} | ${markdown_prose(f.fix.label)} |`;
        }),
        ...(more > 0 ? ['', `${more} more: see the alerts or ${where}.`] : []),
    ];
}
/** Findings new or reopened since the last run come first; the order is kept otherwise. */
function rank(finding) {
    return finding.history === null || finding.history.state !== 'open' ? 0 : 1;
}
/** `new`, `reopened`, or `open 12 d` (the alert's age). */
function historyText(finding, now) {
    const history = finding.history;
    if (history === null || history.state !== 'open')
        return history?.state ?? '';
    const days = history.alert?.openedAt ? (0,src_text/* daysAgo */.HM)(history.alert.openedAt, now) : null;
    return days === null ? 'open before' : `open ${Math.max(0, days)} d`;
}
/** What changed since the last run, or why that is not known: one line. */
function historyLines(input) {
    const history = input.history;
    if (history === undefined || history.kind === 'none')
        return [];
    if (history.kind === 'unreadable') {
        return [
            `- **Since the last run:** not known (${markdown_prose(history.reason)}); every finding is shown as it is now.`,
        ];
    }
    const c = changes({ findings: input.findings, fixed: input.fixed ?? [] });
    const fresh = c.newOrReopened - c.reopened;
    return [
        `- **Since the last run** (${markdown_prose(history.source)}): ${fresh} new, ${c.reopened} reopened, ${c.stillOpen} still open, ${c.fixed} fixed`,
    ];
}
/**
 * What the Terraform plan does to console access: each finding it causes and each it clears,
 * with the plan file and the resource address.
 */
function planSection(input) {
    const terraform = input.terraform;
    if (terraform === undefined || terraform === null)
        return [];
    const causeOf = (name) => terraform.causes.get(name);
    const where = (c) => `(${markdown_code(c.file)}, ${markdown_code(c.address)})`;
    const caused = input.findings.flatMap((f) => {
        const c = causeOf(f.principal.name);
        if (f.history?.state !== 'new' || c === undefined)
            return [];
        return [
            `- ➕ this pull request ${markdown_prose(c.what)} ${markdown_code(f.principal.name)}: ${markdown_prose(f.detail)} ${where(c)}`,
        ];
    });
    const cleared = (input.fixed ?? []).flatMap((f) => {
        const name = f.principal?.split('/').pop() ?? '';
        const c = name === '' ? undefined : causeOf(name);
        if (c === undefined)
            return [];
        return [`- ✔️ this pull request ${markdown_prose(c.what)} ${markdown_code(name)}: fixes 1 finding ${where(c)}`];
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
        `### The Terraform plan: ${(0,src_text/* plural */.LS)(caused.length, 'finding')} caused, ${cleared.length} cleared`,
        '',
        ...caused.slice(0, LIST_MAX_ROWS),
        ...cleared.slice(0, LIST_MAX_ROWS),
    ];
}
/** The alerts open before whose findings are gone. */
function fixedSection(fixed) {
    if (fixed.length === 0)
        return [];
    return [
        '',
        `### Fixed since the last run: ${fixed.length}`,
        '',
        ...fixed.slice(0, LIST_MAX_ROWS).map((f) => {
            const alert = f.number === null ? '' : ` (${summary_link(`alert #${f.number}`, f.url)})`;
            return `- ${f.principal === null ? `finding ${markdown_code(f.fingerprint.slice(0, 12))}` : markdown_code(f.principal)}${alert}`;
        }),
        ...(fixed.length > LIST_MAX_ROWS ? ['', `${fixed.length - LIST_MAX_ROWS} more.`] : []),
    ];
}
/** A link to a GitHub page, or the text alone when the address is not a plain https one. */
function summary_link(text, url) {
    return url !== null && /^https?:\/\/[^\s()<>[\]]+$/.test(url) ? `[${text}](${url})` : text;
}
/**
 * A rule's findings in full, folded: each user's ARN, dates and fix, and the commands filled
 * in for their names, account and partition, ready to review and paste. Never cut: a user
 * past the limit is left out whole, and the block says how many.
 */
function ruleDetails(rule, findings, partition, now) {
    if (findings.length === 0)
        return [];
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
        `<summary>${rule.id} ${rule.name}: ${(0,src_text/* plural */.LS)(findings.length, 'user')}, with ARNs, dates and the commands that fix them</summary>`,
        '',
        ...codeBlock('sh', lines),
        '',
        '</details>',
    ];
}
/** The principals (or accounts) that could not be read. */
function notAssessedSection(notAssessed) {
    if (notAssessed.length === 0)
        return [];
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
            .map((n) => `| ${markdown_code(n.subject === 'account' ? (n.arn.split(':')[4] ?? n.arn) : n.name, 'cell')}${n.subject === 'account' ? ' (account)' : ''} | ${markdown_code(n.action, 'cell')} | ${markdown_prose(n.reason)} |`),
        ...(rest > 0 ? ['', `${rest} more: see the SARIF file's notifications.`] : []),
    ];
}
/** Accepted findings, and the suppressions that expired, never expire or accepted nothing. */
function acceptedSection(findings, suppressions) {
    const lines = [...pullRequestSection(suppressions)];
    const pr = suppressions.pullRequest;
    const added = new Set(pr?.kind === 'compared' ? pr.added : []);
    const accepted = findings.filter((f) => f.suppression !== null);
    const from = suppressions.file === null ? '' : ` by ${markdown_code(suppressions.file)}`;
    if (accepted.length > 0) {
        lines.push('', `### Accepted: ${accepted.length}`, '', `Accepted${from}: in the SARIF as suppressed, not counted against the threshold.`, '', '| User | Rule | Reason | Expires |', '| --- | --- | --- | --- |', ...accepted.slice(0, LIST_MAX_ROWS).map((f) => {
            const s = f.suppression;
            const owner = s?.owner ? ` (${markdown_prose(s.owner)})` : '';
            const alert = f.history?.alert;
            const dismissed = alert != null && s?.where.startsWith('code-scanning alert')
                ? ` ${summary_link(`alert #${alert.number}`, alert.url)}`
                : '';
            const granted = s !== null && added.has(s) ? ' **(added by this pull request)**' : '';
            return `| ${markdown_code(f.principal.name, 'cell')} | ${f.ruleId} | ${markdown_prose(s?.reason ?? '')}${owner}${dismissed}${granted} | ${s?.expires ?? 'never'} |`;
        }));
    }
    const list = (title, entries, what) => entries.length === 0
        ? []
        : [
            '',
            `### ${title}: ${entries.length}`,
            '',
            ...entries
                .slice(0, LIST_MAX_ROWS)
                .map((s) => `- ${markdown_prose(s.where)}: rule ${markdown_prose(s.rule)}, principal ${markdown_code(s.principal)}: ${what(s)}`),
        ];
    lines.push(...list('⚠️ Expired suppressions', suppressions.expired, (s) => `expired on ${s.expires ?? ''}, so it accepts nothing; renew it or remove it`), ...list('⚠️ Suppressions that never expire', suppressions.neverExpires, () => 'no expires date; give it a last day'), ...list('Stale suppressions', suppressions.stale, () => 'matched no finding; remove it if it is no longer needed'));
    return lines;
}
/**
 * On a pull request, the entries of the suppressions file it adds or widens: the exceptions
 * a reviewer is asked to grant.
 */
function pullRequestSection(suppressions) {
    const pr = suppressions.pullRequest;
    if (pr === undefined)
        return [];
    if (pr.kind === 'unreadable') {
        return [
            '',
            `⚠️ The suppressions file could not be compared with the pull request's base (${markdown_prose(pr.reason)}): review every entry.`,
        ];
    }
    if (pr.added.length === 0)
        return [];
    return [
        '',
        `### ⚠️ Suppressions this pull request adds or widens: ${pr.added.length}`,
        '',
        '| Entry | Rule | Principal | Reason | Expires |',
        '| --- | --- | --- | --- | --- |',
        ...pr.added
            .slice(0, LIST_MAX_ROWS)
            .map((s) => `| ${markdown_prose(s.where)} | ${markdown_prose(s.rule)} | ${markdown_code(s.principal, 'cell')} | ${markdown_prose(s.reason)} | ${s.expires ?? 'never'} |`),
    ];
}
/** Where each account's data came from and how fresh it is, folded. */
function dataSources(accounts, now) {
    const shown = accounts.slice(0, ACCOUNTS_MAX_ROWS);
    return [
        '',
        '<details>',
        '<summary>Where the data came from</summary>',
        '',
        ...shown.flatMap(({ snapshot: s }) => [
            `- ${s.accountId === null ? 'The report' : markdown_code(s.accountId)}: ${markdown_prose(describeSource(s.source, now))}${s.verification ? `. ${markdown_prose(describeVerification(s.verification))}` : ''}.`,
        ]),
        '',
        '</details>',
    ];
}
/** The lines, stopped before GitHub's limit, with a last line saying so when they are. */
function withinBudget(lines) {
    let bytes = 0;
    const kept = [];
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
function renderErrorSummary(reason, advice, removedSarif) {
    const sarif = removedSarif === null
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
function renderDiscoverySummary(accounts) {
    return [
        `## 🔎 IAM MFA audit: ${plural(accounts.length, 'account')} to audit`,
        '',
        'The ACTIVE accounts of the organization (discover-only: none was audited in this step):',
        '',
        ...accounts.map((id) => `- ${code(id)}`),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/surface/terminal.ts









/**
 * Whether to colour a stream: never when NO_COLOR is set (no-color.org), always when
 * FORCE_COLOR is (other than 0), otherwise on a terminal that is not `dumb`.
 */
function usesColor(stream, env) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '')
        return env.FORCE_COLOR !== '0';
    return stream.isTTY === true && env.TERM !== 'dumb';
}
/** SGR codes of the colours used: what fails in red, what needs a look in yellow. */
const STYLE_OF_LINE = [
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
function paint(line) {
    const style = STYLE_OF_LINE.find(([start]) => start.test(line))?.[1];
    return style === undefined ? line : `\u001b[${style}m${line}\u001b[0m`;
}
/** The CLI's report: a plain-text table of findings and the verdict, in colour if asked. */
function renderTerminal(outcome, color) {
    const now = outcome.finishedAt;
    const { accounts, findings, verdict } = outcome;
    const fleet = soleAccount(accounts) === null;
    // A fleet's accounts each head a block; one account's lines need no indent.
    const indent = fleet ? '  ' : '';
    const lines = [];
    for (const { snapshot } of accounts) {
        lines.push(`Account: ${snapshot.accountId ?? 'unknown'} (${snapshot.partition}), ${snapshot.principals.length} principal(s)`, `${indent}Data: ${describeSource(snapshot.source, now)}`);
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
        lines.push(...table(['SEVERITY', 'RULE', ...(fleet ? ['ACCOUNT'] : []), 'USER', 'LAST SIGN-IN', 'TO DO', 'ARN'], rows));
    }
    lines.push(totals(outcome), '');
    for (const f of findings) {
        if (f.suppression === null)
            continue;
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
    if (notAssessed.length > 0)
        lines.push('');
    lines.push(`${verdict.result.toUpperCase()}: ${verdict.why}`);
    if (outcome.sarifFile !== null)
        lines.push(`SARIF: ${outcome.sarifFile}`);
    // Nothing from a name or path may drive the terminal: control characters print escaped,
    // and only then is colour added.
    const shown = lines.map(src_text/* visible */.RK);
    return `${(color ? shown.map(paint) : shown).join('\n')}\n`;
}
/** `5 open findings (1 critical, 4 high), 0 accepted, in 9 principals of 1 account.` */
function totals(outcome) {
    const open = outcome.findings.filter((f) => f.suppression === null);
    const bySeverity = severityCounts(open);
    const accepted = outcome.findings.length - open.length;
    const principals = principalCount(outcome.accounts);
    return `${(0,src_text/* plural */.LS)(open.length, 'open finding')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}, ${accepted} accepted, in ${(0,src_text/* plural */.LS)(principals, 'principal')} of ${(0,src_text/* plural */.LS)(outcome.accounts.length, 'account')}.`;
}
function table(header, rows) {
    const all = [header, ...rows].map((row) => row.map(src_text/* visible */.RK));
    const widths = header.map((_, i) => all.reduce((w, row) => Math.max(w, row[i]?.length ?? 0), 0));
    return all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '));
}
/** The JSON report's version: it changes only when a field is removed or changes meaning. */
const JSON_SCHEMA_VERSION = 1;
/** An ISO 8601 time, or null when the source gives none (`never`, `N/A`, unknown). */
function isoOrNull(time) {
    if (time === null)
        return null;
    const at = Date.parse(time);
    return Number.isNaN(at) ? null : new Date(at).toISOString();
}
/**
 * The outcome for scripts, one shape for one account or many: the verdict, then each
 * account with its data source, what could not be read and its findings with every fix
 * command. Documented in docs/output.md.
 */
function renderJson(outcome) {
    const partition = partitionOf(outcome.accounts);
    const rule = (id) => outcome.rules.find((r) => r.id === id);
    return `${(0,src_text/* inertJson */.nl)({
        schemaVersion: JSON_SCHEMA_VERSION,
        tool: { name: src_version/* TOOL_NAME */.lH, version: src_version/* VERSION */.xv },
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
                    accepted: f.suppression === null
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
                        commands: script === null
                            ? [f.fix.command].filter((c) => c !== null)
                            : script.filter((line) => !line.startsWith('#')),
                    },
                };
            }),
        })),
        sarifFile: outcome.sarifFile,
    }, 2)}\n`;
}
/** Where the CLI's report goes: a file (written whole, after the audit) or standard output. */
function reportSink(outputs, color, write, checkFile) {
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
            if (reportFile === null)
                write(text);
            else
                await (0,write_atomic/* writeFileAtomic */.Z)(reportFile, text);
            return undefined;
        },
    };
}

// EXTERNAL MODULE: ./src/cli/flags.ts
var flags = __webpack_require__(5377);
;// CONCATENATED MODULE: ./src/cli/run.ts
/** The CLI's audit: loaded only when there is one, so --help and --version answer at once. */












/** Audits as the flags ask, prints the report, and returns the exit code. */
async function runCli(read) {
    const plan = (0,options/* parsePlan */.vS)(read, (name) => `--${name}`, process.env, 'cli');
    // On a terminal a bar shows progress, and a log line first takes its place; elsewhere
    // (a CI log, a file) progress is a line every few seconds.
    const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
    const log = (message) => {
        bar?.clear();
        process.stderr.write(`${message}\n`);
    };
    const write = (text) => {
        process.stdout.write(text);
    };
    const deps = await systemDeps(plan, {
        log,
        progress: bar ?? progressLog(log),
        // A mask command would write the secret into the CLI's report: it is kept out instead.
        setSecret: secrets/* rememberSecret */.G,
    });
    const { outputs, source } = plan;
    const checkReportFile = () => checkOutputFile(outputs.reportFile ?? '', '--output', [
        source.kind === 'report-file' ? source.path : null,
        plan.policy.suppressionsFile,
        outputs.sarifFile,
    ]);
    if (source.kind === 'live' && source.discoverOnly) {
        if (outputs.reportFile !== null)
            await checkReportFile();
        const text = `${(0,src_text/* inertJson */.nl)(await discoverAccounts(plan, deps))}\n`;
        if (outputs.reportFile === null)
            write(text);
        else
            await (0,write_atomic/* writeFileAtomic */.Z)(outputs.reportFile, text);
        return flags/* EXIT */.dc.pass;
    }
    const color = usesColor(process.stdout, process.env);
    const { outcome } = await runAudit(plan, deps, [...deliverySinks(plan, deps, write), reportSink(outputs, color, write, checkReportFile)], log);
    // The audit's report stands; a failed upload is an error unless the verdict already fails.
    if (outcome.upload !== null && outcome.upload.kind !== 'uploaded') {
        log(`iam-mfa-audit: ${outcome.upload.reason}`);
    }
    if (outcome.verdict.result === 'fail')
        return flags/* EXIT */.dc.fail;
    return outcome.upload?.kind === 'failed' ? flags/* EXIT */.dc.error : flags/* EXIT */.dc.pass;
}


/***/ })

};
