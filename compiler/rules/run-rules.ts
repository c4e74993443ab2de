/**
 * Runs every rule over a merged config and turns their reports into positioned findings.
 */
import type { Finding } from '../diagnostics/diagnostic.ts';
import { makeFinding } from '../diagnostics/finding-builder.ts';
import type { SourceMap } from '../source/source-map.ts';
import { buildConfigIndex } from './config-index.ts';
import { rules as allRules } from './index.ts';
import type { Rule, RuleOptions } from './rule.ts';

/** Findings of `rules` (default: all) for `config`, positioned through `map`. */
export function runRules(config: Readonly<Record<string, unknown>>, map: SourceMap, options: RuleOptions, rules: readonly Rule[] = allRules): Finding[] {
  const findings: Finding[] = [];
  const index = buildConfigIndex(config);
  for (const rule of rules) {
    rule.check({
      config,
      index,
      options,
      report(report) {
        const span = map.span(report.pointer, report.part ?? 'auto');
        if (!span) return;
        findings.push(
          makeFinding(
            rule.id,
            span,
            {
              message: report.message,
              path: report.pointer,
              ...(report.suggestion !== undefined ? { suggestion: report.suggestion } : {}),
              ...(report.severity !== undefined ? { severity: report.severity } : {}),
            },
            'rule',
          ),
        );
      },
    });
  }
  return findings;
}
