import type { Finding, NotAssessed } from '../model.js';
import type { Suppressed } from '../policy/suppressions.js';
import { findingMessage, type Rule } from '../rules/catalog.js';
import { bounded, visible } from '../text.js';
import { anchorFor, LEVEL, type AlertAnchor, type Definitions } from './sarif.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  readonly level: AnnotationLevel;
  readonly title: string;
  readonly message: string;
  readonly file: string;
  readonly startLine: number;
}

/**
 * GitHub shows 10 annotations of each level per step. One error is kept for the
 * step's own failure message and one notice for the line that counts the rest.
 */
export const ANNOTATION_LIMITS: Record<AnnotationLevel, number> = {
  error: 9,
  warning: 10,
  notice: 9,
};

const LEVEL_TO_ANNOTATION = { error: 'error', warning: 'warning', note: 'notice' } as const;

/** An annotation's text reaches the log: no control characters, and a few lines at most. */
const TITLE_MAX_CHARS = 100;
const MESSAGE_MAX_CHARS = 300;

function readable(a: Annotation): Annotation {
  return {
    ...a,
    title: bounded(visible(a.title), TITLE_MAX_CHARS),
    message: bounded(visible(a.message), MESSAGE_MAX_CHARS),
  };
}

/** One annotation per finding (and per principal not assessed) within GitHub's limits, then one notice for the rest. */
export function renderAnnotations(
  notAssessed: readonly NotAssessed[],
  findings: readonly Finding[],
  rules: readonly Rule[],
  anchor: AlertAnchor,
  failing: boolean,
  suppressions: Pick<Suppressed, 'expired' | 'neverExpires'> = { expired: [], neverExpires: [] },
  definitions: Definitions = new Map(),
): Annotation[] {
  // A run that does not fail shows its findings as warnings: errors belong to a failing step.
  const findingLevel = (severity: Finding['severity']): AnnotationLevel => {
    const level = LEVEL_TO_ANNOTATION[LEVEL[severity]];
    return level === 'error' && !failing ? 'warning' : level;
  };
  const candidates: Annotation[] = [
    ...notAssessed.map((n) => ({
      level: 'warning' as const,
      title: 'Not assessed',
      message: `${n.name} (${n.arn}) could not be assessed: ${n.reason}`,
      file: anchor.uri,
      startLine: anchor.line ?? 1,
    })),
    ...suppressions.expired.map((s) => ({
      level: 'warning' as const,
      title: 'Suppression expired',
      message: `${s.where} (rule ${s.rule}, principal ${s.principal}) expired on ${s.expires ?? ''} and accepts nothing now; renew it with a new reason and date, or remove it.`,
      file: anchor.uri,
      startLine: anchor.line ?? 1,
    })),
    ...suppressions.neverExpires.map((s) => ({
      level: 'warning' as const,
      title: 'Suppression never expires',
      message: `${s.where} (rule ${s.rule}, principal ${s.principal}) has no expires date, so it accepts findings for ever; give it a last day.`,
      file: anchor.uri,
      startLine: anchor.line ?? 1,
    })),
    ...findings
      .filter((finding) => finding.suppression === null)
      .map((finding) => {
        const at = anchorFor(anchor, definitions, finding.principal);
        const rule = rules.find((r) => r.id === finding.ruleId);
        return {
          level: findingLevel(finding.severity),
          title: `${finding.ruleId} ${rule?.name ?? ''} (${finding.severity})`.trim(),
          message: rule ? findingMessage(rule, finding) : finding.principal.arn,
          file: at.uri,
          startLine: at.line ?? finding.principal.reportLine ?? 1,
        };
      }),
  ];

  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const shown = candidates.map(readable).filter((a) => {
    if (used[a.level] >= ANNOTATION_LIMITS[a.level]) return false;
    used[a.level] += 1;
    return true;
  });
  const rest = candidates.length - shown.length;
  if (rest > 0) {
    shown.push({
      level: 'notice',
      title: 'More findings',
      message: `${rest} more not shown as annotations (GitHub shows 10 per level per step); see the job summary and the SARIF file.`,
      file: anchor.uri,
      startLine: anchor.line ?? 1,
    });
  }
  return shown;
}
