import { AnswerError } from './aws-errors.js';

/**
 * Reads a listing page by page until it ends. An answer that gives a page token it gave
 * before, or more than `maxPages` pages, is refused (AnswerError): a listing never loops or
 * grows without end.
 */
export async function eachPage<P>(
  action: string,
  maxPages: number,
  read: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  onPage: (page: P) => void,
): Promise<void> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await read(token);
    onPage(page);
    token = nextToken(page);
    if (token === undefined) return;
    if (seen.has(token)) {
      throw new AnswerError(
        `${action} gave the same page token twice; its listing would never end`,
      );
    }
    if (pages >= maxPages) {
      throw new AnswerError(
        `${action} gave more than ${maxPages} pages, more than any account has`,
      );
    }
    seen.add(token);
  }
}

/** IAM's next page: its Marker while IsTruncated; more promised but no Marker is refused. */
export function markerOf(
  action: string,
  page: { readonly IsTruncated?: boolean | undefined; readonly Marker?: string | undefined },
): string | undefined {
  if (page.IsTruncated !== true) return undefined;
  if (!page.Marker) throw new AnswerError(`${action} said there is more but gave no Marker`);
  return page.Marker;
}
