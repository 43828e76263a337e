/** One offline audit through run(), with a publish that discards the outcome. */
import { systemIO } from '../src/io/system.js';
import { run } from '../src/main.js';
import { parseOptions } from '../src/options.js';

const [report] = process.argv.slice(2);
const options = parseOptions(
  (name) => ({ 'credential-report': report, 'sarif-file': '.bench/pipeline.sarif' })[name],
  (name) => name,
);
const outcome = await run(options, {
  ...systemIO(),
  env: {},
  log: () => undefined,
  getIdToken: () => Promise.reject(new Error('an offline audit needs no token')),
  setSecret: () => undefined,
  publish: () => Promise.resolve(),
});
process.exitCode = outcome.verdict.result === 'pass' ? 0 : 1;
