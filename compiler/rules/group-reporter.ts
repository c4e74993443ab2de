/**
 * Reporting for "no such model group" findings. When groups may be defined outside what
 * the linter read (models stored in the database, an include that could not be loaded),
 * a missing group is not certain: the finding is lowered to a warning and says why.
 */
import type { Report, RuleContext } from './rule.ts';

/** `context.report`, or a version that lowers errors when group names cannot be checked fully. */
export function groupReporter(context: RuleContext): (report: Report) => void {
  const reason = context.index.modelsElsewhere ?? context.options.modelsElsewhere;
  if (reason === undefined) return context.report;
  return (report) =>
    context.report({
      ...report,
      severity: report.severity === undefined || report.severity === 'error' ? 'warning' : report.severity,
      message: `${report.message} (unless it exists elsewhere: ${reason})`,
    });
}
