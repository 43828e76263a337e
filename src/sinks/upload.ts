import { pathToFileURL } from 'node:url';
import { failureOf, UploadError } from '../errors.js';
import { uploadSarif, type UploadDeps } from '../github/upload.js';
import type { RunnerContext } from '../runner-context.js';
import type { Sink } from './sink.js';

/**
 * The upload of the SARIF log to code scanning. It never loses the audit: a failed upload is
 * an outcome (the step fails once every other output is written), and one not processed in
 * time a warning, as github/codeql-action treats it.
 */
export function uploadSink(token: string, context: RunnerContext, deps: UploadDeps): Sink {
  return {
    name: 'code-scanning upload',
    required: false,
    emit: async ({ sarifText, startedAt }) => {
      const { codeScanning } = context;
      try {
        if (sarifText === null) throw new UploadError('upload-sarif: no SARIF log was written.');
        if (codeScanning === null) {
          throw new UploadError(
            'upload-sarif: the workflow run names no repository, commit or ref (GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF); upload from a workflow, or leave upload-sarif false.',
          );
        }
        const target = {
          ...codeScanning,
          checkoutUri: pathToFileURL(context.workspace).href,
          startedAt: startedAt.toISOString(),
        };
        return { upload: await uploadSarif(sarifText, token, target, deps) };
      } catch (error) {
        // An error that is not the upload's own is a bug, and is thrown on.
        if (!(error instanceof UploadError)) throw error;
        return { upload: { kind: 'failed', reason: failureOf(error).reason } };
      }
    },
  };
}
