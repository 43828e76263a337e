/** One offline audit through run(), rendering what the action would publish, then discarding it. */
import { SILENT_PROGRESS } from '../src/model.js';
import { systemIO } from '../src/io/system.js';
import { run } from '../src/main.js';
import { parseOptions } from '../src/options.js';
import { renderAnnotations } from '../src/render/annotations.js';
import { renderSummary } from '../src/render/summary.js';

const [report] = process.argv.slice(2);
const options = parseOptions(
  (name) => ({ 'credential-report': report, 'sarif-file': '.bench/pipeline.sarif' })[name],
  (name) => name,
);
const outcome = await run(options, {
  ...systemIO(() => undefined),
  env: {},
  progress: SILENT_PROGRESS,
  getIdToken: () => Promise.reject(new Error('an offline audit needs no token')),
  setSecret: () => undefined,
  publish: (o) => {
    renderSummary(o);
    renderAnnotations([], o.findings, o.rules, o.anchor, o.verdict.result === 'fail');
    return Promise.resolve();
  },
});
process.exitCode = outcome.verdict.result === 'pass' ? 0 : 1;
