/**
 * Files that are not a credential report but are easily taken for one. Each gets one line
 * saying what the file looks like and how to get the report itself, instead of the CSV
 * parser's complaint about some line of it.
 */

const GET_THE_CSV =
  'get the CSV with: aws iam get-credential-report --query Content --output text | base64 --decode > credential-report.csv';

/**
 * UTF-16 read as UTF-8: its byte order mark turns into two replacement characters, and
 * every other character of plain ASCII text is a NUL.
 */
const UTF16_AS_UTF8 = /^(?:\ufffd\ufffd)?(?:[^\0]\0){4}|^(?:\ufffd\ufffd)?(?:\0[^\0]){4}/u;

/** What the text looks like when it is a known mistake, else null. */
export function recogniseMistake(text: string): string | null {
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
function hasContent(body: string): boolean {
  try {
    const value: unknown = JSON.parse(body);
    return typeof (value as { Content?: unknown } | null)?.Content === 'string';
  } catch {
    return false;
  }
}

function decodesToReport(body: string): boolean {
  const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return /^\ufeff?user,/i.test(decoded);
}
