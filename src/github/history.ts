/**
 * Reads what code scanning knows of this tool's earlier runs in a repository: its alerts
 * on the default branch, and the link from each result of the category's latest analysis
 * to its alert. Bounded in time, pages and size; anything that cannot be read is a reason,
 * never a failure of the run.
 */
import { getOctokit } from '@actions/github';
import { boundedFetch, DeadlineError, TooLargeError } from '../io/bounded-fetch.js';
import { HISTORY_LIMITS } from '../limits.js';
import { bodyText, firstLineOf } from './answers.js';
import { principalOf, type Alert, type History, type SarifResult } from '../policy/history.js';
import { FINGERPRINT_KEY } from '../fingerprint.js';
import type { CodeScanningTarget } from '../runner-context.js';
import { redacted } from '../secrets.js';
import { TOOL_NAME } from '../version.js';

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
  override name = 'Unreadable';
}

interface RawAlert {
  readonly number?: unknown;
  readonly state?: unknown;
  readonly html_url?: unknown;
  readonly created_at?: unknown;
  readonly dismissed_reason?: unknown;
  readonly dismissed_comment?: unknown;
  readonly dismissed_at?: unknown;
  readonly dismissed_by?: { readonly login?: unknown } | null;
  readonly tool?: { readonly name?: unknown };
  readonly most_recent_instance?: { readonly category?: unknown };
}

interface RawAnalysis {
  readonly id?: unknown;
  readonly category?: unknown;
  readonly tool?: { readonly name?: unknown };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The alerts and the latest analysis of `category`, or why they could not be read. */
export async function readCodeScanningHistory(
  target: CodeScanningTarget,
  token: string,
  category: string,
  now: () => Date,
): Promise<History> {
  const octokit = getOctokit(token, { baseUrl: target.apiUrl });
  const where = `${target.owner}/${target.repo}`;
  const deadline = now().getTime() + HISTORY_LIMITS.totalMs;
  const inTime = (): void => {
    if (now().getTime() > deadline) {
      throw new Unreadable(`reading it took longer than ${HISTORY_LIMITS.totalMs / 1000} s`);
    }
  };
  const get = async <T>(route: string, parameters: Record<string, unknown>, sarif = false) => {
    inTime();
    try {
      const answer = await octokit.request(route, {
        owner: target.owner,
        repo: target.repo,
        ...parameters,
        ...(sarif ? { headers: { accept: 'application/sarif+json' } } : {}),
        request: { fetch: sarif ? SARIF_FETCH : PAGE_FETCH },
      });
      return (sarif ? parsedSarif(answer.data) : answer.data) as T;
    } catch (error) {
      if (error instanceof Unreadable) throw error;
      throw new Unreadable(failure(error));
    }
  };
  /** Every page of a listing: up to the cap, and never the same page twice. */
  const pages = async <T>(route: string, parameters: Record<string, unknown>): Promise<T[]> => {
    const all: T[] = [];
    let previous: string | null = null;
    for (let page = 1; page <= HISTORY_LIMITS.pages; page++) {
      const items = await get<unknown>(route, { ...parameters, per_page: 100, page });
      if (!Array.isArray(items)) throw new Unreadable('GitHub answered a listing with no list');
      const key = JSON.stringify(items[0] ?? null);
      if (items.length > 0 && key === previous) {
        throw new Unreadable(`GitHub answered page ${page} as page ${page - 1}`);
      }
      previous = key;
      all.push(...(items as T[]));
      if (items.length < 100) return all;
    }
    throw new Unreadable(
      `more than ${HISTORY_LIMITS.pages} pages of ${route.split('/').pop() ?? 'results'}`,
    );
  };

  try {
    const repository = await get<{ default_branch?: unknown }>('GET /repos/{owner}/{repo}', {});
    const branch = text(repository.default_branch);
    if (branch === null) throw new Unreadable(`GitHub named no default branch of ${where}`);
    const ref = `refs/heads/${branch}`;
    const alerts = (
      await pages<RawAlert>('GET /repos/{owner}/{repo}/code-scanning/alerts', {
        tool_name: TOOL_NAME,
        ref,
      })
    ).flatMap((raw) => readAlert(raw, category));
    const analyses = await pages<RawAnalysis>('GET /repos/{owner}/{repo}/code-scanning/analyses', {
      tool_name: TOOL_NAME,
      ref,
    });
    // Newest first, as GitHub lists them: the first of the category is the latest.
    const latest = analyses.find(
      (a) => text(a.category) === category && text(a.tool?.name) === TOOL_NAME,
    );
    const alertOf = new Map<string, number>();
    const principals = new Map<string, string>();
    if (latest !== undefined && typeof latest.id === 'number') {
      const log = await get<unknown>(
        'GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}',
        { analysis_id: latest.id },
        true,
      );
      for (const result of resultsOf(log)) {
        const print = result.partialFingerprints?.[FINGERPRINT_KEY];
        const number = result.properties?.['github/alertNumber'];
        if (typeof print !== 'string' || typeof number !== 'number') continue;
        alertOf.set(print, number);
        const arn = principalOf(result);
        if (arn !== null) principals.set(print, arn);
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
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    return { kind: 'unreadable', reason: `code scanning of ${where}: ${redacted(error.message)}` };
  }
}

/** An alert of this tool and category, as the audit reads it; none for anything else. */
function readAlert(raw: RawAlert, category: string): Alert[] {
  const state = raw.state;
  if (
    typeof raw.number !== 'number' ||
    (state !== 'open' && state !== 'dismissed' && state !== 'fixed')
  ) {
    return [];
  }
  if (text(raw.tool?.name) !== TOOL_NAME || text(raw.most_recent_instance?.category) !== category) {
    return [];
  }
  return [
    {
      number: raw.number,
      state,
      url: text(raw.html_url),
      createdAt: text(raw.created_at),
      dismissal:
        state === 'dismissed'
          ? {
              reason: text(raw.dismissed_reason) ?? 'dismissed',
              comment: text(raw.dismissed_comment),
              by: text(raw.dismissed_by?.login),
              at: text(raw.dismissed_at),
            }
          : null,
    },
  ];
}

/**
 * An analysis as GitHub sends it with `Accept: application/sarif+json`, which octokit does
 * not parse.
 */
function parsedSarif(data: unknown): unknown {
  const text = bodyText(data);
  if (text === null) return data;
  try {
    return JSON.parse(text);
  } catch {
    throw new Unreadable('the latest analysis is not JSON');
  }
}

/** The results of an analysis read as SARIF. */
function resultsOf(log: unknown): SarifResult[] {
  const runs = (log as { runs?: unknown } | null)?.runs;
  if (!Array.isArray(runs)) throw new Unreadable('the latest analysis is not a SARIF log');
  return runs.flatMap((run: { results?: unknown }) =>
    Array.isArray(run.results) ? (run.results as SarifResult[]) : [],
  );
}

/** One line for a failed request: GitHub's status and words, or what failed on the way. */
function failure(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof DeadlineError || cause instanceof TooLargeError) return cause.message;
  const status = (error as { status?: number }).status;
  const message = firstLineOf(error);
  if (status === 403) return `HTTP 403 (${message}); the token needs security-events: read`;
  if (status === 404) return `HTTP 404 (${message}); code scanning may be off for the repository`;
  return status === undefined ? `no answer (${message})` : `HTTP ${status} (${message})`;
}
