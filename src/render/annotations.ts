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
  const onAnchor = (level: AnnotationLevel, title: string, message: string): Annotation => ({
    level,
    title,
    message,
    file: anchor.uri,
    startLine: anchor.line ?? 1,
  });
  const warning = (title: string, message: string) => ({
    level: 'warning' as const,
    make: () => onAnchor('warning', title, message),
  });
  // Each candidate's level is known first; its text is built only if it is shown.
  const candidates: { readonly level: AnnotationLevel; readonly make: () => Annotation }[] = [
    ...notAssessed.map((n) =>
      warning('Not assessed', `${n.name} (${n.arn}) could not be assessed: ${n.reason}`),
    ),
    ...suppressions.expired.map((s) =>
      warning(
        'Suppression expired',
        `${s.where} (rule ${s.rule}, principal ${s.principal}) expired on ${s.expires ?? ''} and accepts nothing now; renew it with a new reason and date, or remove it.`,
      ),
    ),
    ...suppressions.neverExpires.map((s) =>
      warning(
        'Suppression never expires',
        `${s.where} (rule ${s.rule}, principal ${s.principal}) has no expires date, so it accepts findings for ever; give it a last day.`,
      ),
    ),
    ...findings
      .filter((finding) => finding.suppression === null)
      .map((finding) => {
        const level = findingLevel(finding.severity);
        return {
          level,
          make: (): Annotation => {
            const at = anchorFor(anchor, definitions, finding.principal);
            const rule = rules.find((r) => r.id === finding.ruleId);
            return {
              level,
              title: `${finding.ruleId} ${rule?.name ?? ''} (${finding.severity})`.trim(),
              message: findingMessage(finding),
              file: at.uri,
              startLine: at.line ?? finding.principal.reportLine ?? 1,
            };
          },
        };
      }),
  ];

  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const shown = candidates
    .filter(({ level }) => {
      if (used[level] >= ANNOTATION_LIMITS[level]) return false;
      used[level] += 1;
      return true;
    })
    .map(({ make }) => readable(make()));
  const rest = candidates.length - shown.length;
  if (rest > 0) {
    shown.push(
      onAnchor(
        'notice',
        'More findings',
        `${rest} more not shown as annotations (GitHub shows 10 per level per step); see the job summary and the SARIF file.`,
      ),
    );
  }
  return shown;
}
