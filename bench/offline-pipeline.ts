/** One offline audit as the action runs it: the SARIF file, then what the action would show. */
import { systemDeps } from '../src/io/system.js';
import { SILENT_PROGRESS } from '../src/model.js';
import { parsePlan } from '../src/options.js';
import { renderAnnotations } from '../src/render/annotations.js';
import { stepOutputs } from '../src/render/outputs.js';
import { renderSummary } from '../src/render/summary.js';
import { runAudit } from '../src/run.js';
import { sarifSink } from '../src/sinks/sarif-file.js';

const [report] = process.argv.slice(2);
const inputs: Record<string, string | undefined> = {
  'credential-report': report,
  'sarif-file': '.bench/pipeline.sarif',
};
const plan = parsePlan(
  (name) => inputs[name],
  (name) => name,
);
const { outcome } = await runAudit(
  plan,
  await systemDeps(plan, {
    log: () => undefined,
    progress: SILENT_PROGRESS,
    setSecret: () => undefined,
  }),
  [
    sarifSink(plan.outputs, plan.source),
    {
      name: 'rendered outputs',
      required: true,
      emit: (o) => {
        stepOutputs(o);
        renderSummary(o);
        renderAnnotations([], o.findings, o.rules, o.anchor, o.verdict.result === 'fail');
        return Promise.resolve(undefined);
      },
    },
  ],
  () => undefined,
);
process.exitCode = outcome.verdict.result === 'pass' ? 0 : 1;
