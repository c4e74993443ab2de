/**
 * The table of diagnostic codes. One id per kind of mistake (the rule id, which is also
 * the rule's file name under compiler/rules/), one stable code per id, grouped by phase:
 * LG1xxx source (files, YAML, includes), LG2xxx schema, LG3xxx semantic rules.
 * Codes are never reused for another meaning; retire an entry instead of repurposing it.
 */
import type { Severity } from './diagnostic.ts';

export interface CodeInfo {
  readonly code: string;
  /** Default severity; a few rules lower it for a case (stated in the rule). */
  readonly severity: Severity;
  /** One line saying what the code means, for docs and SARIF rule metadata. */
  readonly summary: string;
}

export const codes = {
  'yaml-syntax': { code: 'LG1001', severity: 'error', summary: 'The file is not valid YAML; LiteLLM fails to start.' },
  'duplicate-key': { code: 'LG1002', severity: 'error', summary: 'A mapping key appears twice; LiteLLM silently keeps only the last value.' },
  'empty-config': { code: 'LG1003', severity: 'error', summary: 'The config is empty; LiteLLM refuses to start ("Config cannot be None or Empty").' },
  'root-not-mapping': { code: 'LG1004', severity: 'error', summary: 'The top level of the config must be a mapping of sections.' },
  'alias-limit': { code: 'LG1005', severity: 'error', summary: 'YAML aliases expand to an excessive or recursive structure.' },
  'not-text': { code: 'LG1006', severity: 'error', summary: 'The file is not UTF-8 text.' },
  'file-too-large': { code: 'LG1007', severity: 'error', summary: 'The file is larger than the linter reads.' },
  'multiple-documents': { code: 'LG1008', severity: 'error', summary: 'The file holds several YAML documents; LiteLLM reads exactly one.' },
  'unsupported-tag': { code: 'LG1009', severity: 'error', summary: 'A YAML tag that a safe loader cannot construct.' },
  'nesting-too-deep': { code: 'LG1010', severity: 'error', summary: 'The YAML is nested deeper than any config needs.' },
  'include-invalid': { code: 'LG1101', severity: 'error', summary: '`include` must be a list of file paths.' },
  'include-not-found': { code: 'LG1102', severity: 'warning', summary: 'An included file does not exist (LiteLLM aborts startup if it is still missing when deployed).' },
  'include-not-mapping': { code: 'LG1103', severity: 'error', summary: 'An included file must hold a mapping of sections.' },
  'include-nested': { code: 'LG1104', severity: 'warning', summary: '`include` inside an included file is not processed by LiteLLM.' },
  'include-replaces-section': { code: 'LG1105', severity: 'warning', summary: 'An included file replaces a section the including file also writes; LiteLLM does not merge them, so keys written only in the earlier file are dropped.' },
  'unknown-key': { code: 'LG2001', severity: 'error', summary: 'A key LiteLLM does not read here; it is silently ignored.' },
  'invalid-type': { code: 'LG2002', severity: 'error', summary: 'A value of the wrong type.' },
  'invalid-value': { code: 'LG2003', severity: 'error', summary: 'A value outside the allowed set.' },
  'missing-key': { code: 'LG2004', severity: 'error', summary: 'A required key is missing.' },
  'out-of-range': { code: 'LG2005', severity: 'error', summary: 'A value outside its allowed range or length.' },
  'invalid-shape': { code: 'LG2006', severity: 'error', summary: 'A value that does not have the shape LiteLLM expects.' },
  'unknown-setting': { code: 'LG2007', severity: 'warning', summary: 'An unknown key in litellm_settings or general_settings (not a near miss of a known one).' },
  'misplaced-setting': { code: 'LG3001', severity: 'error', summary: 'A setting written in a section that does not read it.' },
  'key-contains-equals': { code: 'LG3002', severity: 'error', summary: 'A key containing `=` (copied from `name=value` docs); LiteLLM ignores it.' },
  'routing-strategy': { code: 'LG3003', severity: 'error', summary: 'An unknown router_settings.routing_strategy.' },
  'fallback-shape': { code: 'LG3004', severity: 'error', summary: 'A fallbacks entry that is not a single-key mapping `{group: [groups]}`.' },
  'fallback-unknown-group': { code: 'LG3005', severity: 'error', summary: 'A fallback names a model group that does not exist.' },
  'alias-shape': { code: 'LG3006', severity: 'error', summary: 'A model_group_alias value that is neither a group name nor `{model, hidden}`.' },
  'alias-unknown-group': { code: 'LG3007', severity: 'error', summary: 'A model_group_alias points at a model group that does not exist.' },
  'duplicate-deployment-id': { code: 'LG3008', severity: 'error', summary: 'Two deployments share one model_info.id.' },
  'env-unset': { code: 'LG3009', severity: 'error', summary: 'An os.environ/ reference to a variable that is not set (--check-env).' },
  'env-in-list-item': { code: 'LG3010', severity: 'error', summary: 'An os.environ/ reference as a list item, which LiteLLM never resolves.' },
  'env-reference-syntax': { code: 'LG3011', severity: 'warning', summary: 'A value that looks like an environment reference but is not `os.environ/NAME`.' },
  'shell-placeholder': { code: 'LG3012', severity: 'warning', summary: 'A `${VAR}` placeholder; LiteLLM does not expand shell syntax.' },
  'hardcoded-secret': { code: 'LG3013', severity: 'warning', summary: 'A secret written into the config instead of an os.environ/ reference.' },
  'budget-without-duration': { code: 'LG3014', severity: 'error', summary: 'litellm_settings.max_budget without budget_duration; LiteLLM refuses to start.' },
  'cache-backend': { code: 'LG3015', severity: 'warning', summary: 'Caching is on without a usable backend configuration.' },
  'router-response-cache': { code: 'LG3016', severity: 'info', summary: 'Response caching switched on through router_settings.cache_responses: which backend it gets; a warning when it is in-memory only and cache_kwargs are ignored.' },
  'virtual-keys-without-db': { code: 'LG3017', severity: 'warning', summary: 'Virtual-key features configured without general_settings.database_url.' },
  'rpm-tpm-not-limits': { code: 'LG3018', severity: 'info', summary: 'rpm/tpm are weights or ignored, not limits, under the configured routing.' },
  'alias-without-fallbacks': { code: 'LG3019', severity: 'warning', summary: 'Fallbacks are keyed on a group that clients reach through an alias; LiteLLM looks fallbacks up by the requested name.' },
  'azure-deployment': { code: 'LG3020', severity: 'warning', summary: 'An azure/ deployment without api_base, api_version or base_model.' },
  'redis-host-url': { code: 'LG3021', severity: 'error', summary: 'A Redis host written as a URL; the client cannot connect.' },
  'unknown-provider': { code: 'LG3023', severity: 'warning', summary: 'litellm_params.model starts with a provider prefix LiteLLM does not know.' },
  'native-provider-openai-base': { code: 'LG3024', severity: 'warning', summary: 'A native provider prefix (anthropic/, gemini/, ollama/, …) with the api_base of an OpenAI-compatible server; the requests keep the native format. Use openai/.' },
  'master-key-unset': { code: 'LG3025', severity: 'warning', summary: 'No master key in the config or the environment (--check-env); the proxy would run without authentication.' },
  'setting-precedence': { code: 'LG3022', severity: 'info', summary: 'A router setting written in both litellm_settings and router_settings; the router_settings value wins.' },
} as const satisfies Record<string, CodeInfo>;

export type CodeId = keyof typeof codes;
