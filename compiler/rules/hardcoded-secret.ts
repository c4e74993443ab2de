/**
 * Secrets belong in the environment (`os.environ/NAME`), not in a file that is committed,
 * copied into images and pasted into issues. A literal value under a secret-bearing key is
 * reported when it looks like a real credential (placeholders such as "your-api-key" or
 * "EMPTY" are left alone), as is a password inside a connection URL and LiteLLM's
 * publicly known example master key. Messages never quote the secret itself.
 */
import { describePath } from '../validate/value-at.ts';
import type { Rule } from './rule.ts';
import { stringValues, type StringValue } from './string-values.ts';

const secretKeys = /^(api_key|master_key|password|redis_password|sentinel_password|aws_secret_access_key|aws_session_token|s3_aws_secret_access_key|client_secret|secret|secret_key|access_token|auth_token|token|salt_key|qdrant_api_key|langfuse_secret_key|langfuse_secret)$/i;
const secretEnvName = /(KEY|SECRET|PASSWORD|TOKEN|SALT)$/;
const urlKeys = /(^|_)(url|uri|dsn|host)$/i;
const knownPrefix = /^(sk-|sk_|pk-|rk-|gsk_|xai-|hf_|ghp_|gho_|github_pat_|AKIA|ASIA|AIza|glpat-|xox[abp]-|r8_|nvapi-|pplx-|fw_|sk-ant-|sk-or-)/;
const lookalikeReference = /^\s*(os\.environ|os\.getenv|\$\{?[A-Za-z_])/i;
const placeholder = /your|xxx|\.\.\.|<|>|\[|changeme|change[-_ ]?me|placeholder|example|dummy|fake|redacted|replace|insert|^none$|^null$|^empty$|^na$|^n\/a$|not[-_ ]?needed|not[-_ ]?required|no[-_ ]?key|^todo|^test$|^anything$|^ollama$|^local$|^password$|^secret$|^string$|^key$|^token$/i;
const weakMasterKeys = new Set(['sk-1234', 'sk-12345', 'sk-123456', 'sk-admin', 'sk-master', 'sk-litellm', 'sk-password']);

function looksLikeCredential(value: string): boolean {
  const text = value.trim();
  if (text.length < 8 || /\s/.test(text) || placeholder.test(text) || lookalikeReference.test(text)) return false;
  if (knownPrefix.test(text) && text.length >= 12) return true;
  if (text.length < 16) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(text)).length;
  return classes >= 2;
}

/** `scheme://user:password@host` with a literal password. */
function urlPassword(value: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(value.trim());
  if (!match) return false;
  const password = decodeURIComponent(match[1]!.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  return password.length > 0 && !placeholder.test(password) && !password.startsWith('$');
}

/** The conventional variable for a secret: OPENAI_API_KEY for an openai/ deployment's api_key, … */
function envNameFor(item: StringValue, config: Readonly<Record<string, unknown>>): string {
  const key = item.key ?? '';
  if (key === 'master_key') return 'LITELLM_MASTER_KEY';
  const deployment = /^\/model_list\/(\d+)\/litellm_params\/api_key$/.exec(item.pointer);
  if (deployment && Array.isArray(config.model_list)) {
    const params = (config.model_list[Number(deployment[1])] as { litellm_params?: { model?: unknown } } | undefined)?.litellm_params;
    const provider = typeof params?.model === 'string' && params.model.includes('/') ? params.model.slice(0, params.model.indexOf('/')) : undefined;
    if (provider) return `${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
  }
  if (key === 'database_url') return 'DATABASE_URL';
  if (/redis/i.test(item.pointer) && /password/i.test(key)) return 'REDIS_PASSWORD';
  if (/redis/i.test(item.pointer) && /url/i.test(key)) return 'REDIS_URL';
  return key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export const hardcodedSecret: Rule = {
  id: 'hardcoded-secret',
  description: 'credentials are os.environ/ references, not literals in the file',
  check(context) {
    for (const item of stringValues(context.config)) {
      if (item.listItem || item.key === undefined || item.value.startsWith('os.environ/')) continue;
      const inEnvironmentSection = item.section === 'environment_variables';
      if (item.key === 'master_key' && weakMasterKeys.has(item.value.trim())) {
        context.report({
          pointer: item.pointer,
          part: 'value',
          message: `${describePath(item.pointer)} is a publicly known example key; anyone can use this proxy with it (recent LiteLLM refuses to start with it). Set a random key through os.environ/LITELLM_MASTER_KEY`,
          suggestion: 'os.environ/LITELLM_MASTER_KEY',
        });
        continue;
      }
      const secretKey = secretKeys.test(item.key) || (inEnvironmentSection && secretEnvName.test(item.key));
      if (secretKey && looksLikeCredential(item.value)) {
        const name = inEnvironmentSection ? item.key : envNameFor(item, context.config);
        const advice = inEnvironmentSection
          ? `set ${name} in the deployment's environment instead of in the file`
          : `use os.environ/${name}`;
        context.report({
          pointer: item.pointer,
          part: 'value',
          message: `${describePath(item.pointer)} holds a literal secret (${item.value.length} characters); ${advice}`,
          ...(inEnvironmentSection ? {} : { suggestion: `os.environ/${name}` }),
        });
        continue;
      }
      if ((urlKeys.test(item.key) || inEnvironmentSection) && urlPassword(item.value)) {
        const name = envNameFor(item, context.config);
        context.report({
          pointer: item.pointer,
          part: 'value',
          message: `${describePath(item.pointer)} contains a password in the URL; keep the whole URL in the environment${inEnvironmentSection ? '' : ` (os.environ/${name})`}`,
          ...(inEnvironmentSection ? {} : { suggestion: `os.environ/${name}` }),
        });
      }
    }
  },
};
