/**
 * GitHub's code-scanning API for one repository, as GitHub answers it: the repository, this
 * tool's alerts (paged by `page` and `per_page`, filtered by `tool_name` and `ref`), its
 * analyses (newest first) and an analysis as SARIF (`Accept: application/sarif+json`), under
 * `/` as on github.com or under `/api/v3` as on GitHub Enterprise Server.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export interface ApiAlert {
  readonly number: number;
  readonly state: 'open' | 'dismissed' | 'fixed';
  readonly category: string;
  readonly createdAt: string;
  readonly tool?: string;
  readonly dismissal?: { reason: string; comment: string | null; by: string; at: string };
}

export interface ApiResult {
  readonly fingerprint: string;
  readonly alert: number;
  readonly arn: string;
}

export interface CodeScanningState {
  readonly alerts: readonly ApiAlert[];
  /** The results of the category's latest analysis. */
  readonly latest: readonly ApiResult[];
  readonly category: string;
  /** How it fails: 403 on the alerts, 404 (code scanning off), never answering them, or not. */
  readonly failure?: 403 | 404 | 'silent';
  /** Files of the repository by `path@commit`, for the contents API. */
  readonly contents?: Readonly<Record<string, string>>;
}

export interface CodeScanningApi {
  readonly url: string;
  /** Each request's path and query, in order. */
  readonly requests: string[];
  readonly close: () => Promise<void>;
}

export async function startCodeScanningApi(
  state: CodeScanningState,
  base: '' | '/api/v3' = '',
): Promise<CodeScanningApi> {
  const requests: string[] = [];
  const repo = `${base}/repos/acme/infra`;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown, type = 'application/json'): void => {
      response.writeHead(status, { 'content-type': type });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== 'token ghs_localtesttoken') {
      send(401, { message: 'Bad credentials' });
      return;
    }
    if (url.pathname === repo) {
      send(200, { full_name: 'acme/infra', default_branch: 'main' });
      return;
    }
    if (url.pathname.startsWith(`${repo}/contents/`)) {
      const path = decodeURIComponent(url.pathname.slice(`${repo}/contents/`.length));
      const text = state.contents?.[`${path}@${url.searchParams.get('ref') ?? ''}`];
      if (text === undefined || request.headers.accept !== 'application/vnd.github.raw+json') {
        send(404, { message: 'Not Found' });
        return;
      }
      response.writeHead(200, { 'content-type': 'application/vnd.github.raw+json; charset=utf-8' });
      response.end(text);
      return;
    }
    if (state.failure === 'silent' && url.pathname.startsWith(`${repo}/code-scanning`)) return;
    if (state.failure === 403 && url.pathname.startsWith(`${repo}/code-scanning`)) {
      send(403, { message: 'Resource not accessible by integration' });
      return;
    }
    if (state.failure === 404 && url.pathname.startsWith(`${repo}/code-scanning`)) {
      send(404, { message: 'no analysis found' });
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '30');
    const paged = <T>(items: readonly T[]): T[] =>
      items.slice((page - 1) * perPage, page * perPage);
    const ofTool = url.searchParams.get('tool_name') === 'iam-mfa-audit';
    if (url.pathname === `${repo}/code-scanning/alerts`) {
      const mine = url.searchParams.get('ref') === 'refs/heads/main' && ofTool;
      send(
        200,
        paged(mine ? state.alerts : []).map((a) => ({
          number: a.number,
          state: a.state,
          html_url: `https://github.com/acme/infra/security/code-scanning/${a.number}`,
          created_at: a.createdAt,
          dismissed_reason: a.dismissal?.reason ?? null,
          dismissed_comment: a.dismissal?.comment ?? null,
          dismissed_at: a.dismissal?.at ?? null,
          dismissed_by: a.dismissal ? { login: a.dismissal.by } : null,
          tool: { name: a.tool ?? 'iam-mfa-audit' },
          rule: { id: 'aws-iam-002' },
          most_recent_instance: { ref: 'refs/heads/main', category: a.category, state: a.state },
        })),
      );
      return;
    }
    if (url.pathname === `${repo}/code-scanning/analyses`) {
      const analyses = [
        { id: 902, category: state.category, created_at: '2026-12-05T06:00:00Z' },
        { id: 901, category: 'iam-mfa-audit/other/', created_at: '2026-12-05T05:00:00Z' },
        { id: 900, category: state.category, created_at: '2026-12-04T06:00:00Z' },
      ].map((a) => ({ ...a, ref: 'refs/heads/main', tool: { name: 'iam-mfa-audit' } }));
      send(200, paged(ofTool ? analyses : []));
      return;
    }
    if (url.pathname === `${repo}/code-scanning/analyses/902`) {
      if (request.headers.accept !== 'application/sarif+json') {
        send(200, { id: 902 });
        return;
      }
      send(
        200,
        {
          version: '2.1.0',
          runs: [
            {
              tool: { driver: { name: 'iam-mfa-audit' } },
              results: state.latest.map((r) => ({
                ruleId: 'aws-iam-002',
                message: { text: 'x' },
                locations: [{ logicalLocations: [{ name: 'u', fullyQualifiedName: r.arn }] }],
                partialFingerprints: { 'iamMfaAudit/principal/v1': r.fingerprint },
                properties: {
                  'github/alertNumber': r.alert,
                  'github/alertUrl': `https://api/alerts/${r.alert}`,
                },
              })),
            },
          ],
        },
        'application/sarif+json',
      );
      return;
    }
    send(404, { message: 'Not Found' });
  });
  const url = await listenOnLoopback(server);
  return {
    url: `${url}${base}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
