/**
 * The shape of a semantic rule: one module per rule under compiler/rules/, named after
 * its id (which is also its entry in the code table). A rule reads the merged config
 * through the shared index and reports at JSON pointers; positions are the framework's job.
 */
import type { CodeId } from '../diagnostics/codes.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { Part } from '../source/source-map.ts';
import type { ConfigIndex } from './config-index.ts';

export interface RuleOptions {
  /** Compare os.environ/ references with `env` (the `--check-env` flag). */
  readonly checkEnv: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Set when model groups may be defined outside what the linter read (an included file
   * that could not be loaded); says why, for messages. Rules then cannot call a group
   * name unknown with certainty.
   */
  readonly modelsElsewhere?: string;
}

export interface Report {
  /** JSON pointer of the node at fault. */
  readonly pointer: string;
  readonly message: string;
  /** Underline the key or the value (default: key of a collection, value of a scalar). */
  readonly part?: Part;
  readonly suggestion?: string;
  /** Only when this case differs from the rule's default severity. */
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly config: Readonly<Record<string, unknown>>;
  readonly index: ConfigIndex;
  readonly options: RuleOptions;
  report(report: Report): void;
}

export interface Rule {
  readonly id: CodeId;
  /** One line: what the rule catches and why it matters. */
  readonly description: string;
  check(context: RuleContext): void;
}
