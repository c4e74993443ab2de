/**
 * litellm_settings and general_settings accept any key as far as LiteLLM's loader is
 * concerned (litellm_settings keys become module attributes, general_settings is read
 * key by key), so the schema leaves them open. This check applies the policy to
 * their unknown keys: a near miss of a known key is an error (the setting the user meant
 * is silently not applied), a key of another section is a warning naming its home, and
 * anything else is a warning.
 */
import type { Finding } from '../diagnostics/diagnostic.ts';
import { makeFinding } from '../diagnostics/finding-builder.ts';
import { childPointer } from '../source/json-pointer.ts';
import type { SourceMap } from '../source/source-map.ts';
import { classifyKey, isKnownKey } from './classify-key.ts';
import { sectionKeys } from './schema-facts.ts';

const openSections = ['litellm_settings', 'general_settings'] as const;

/** Findings for unknown keys of the open sections. */
export function checkOpenSections(config: Record<string, unknown>, map: SourceMap): Finding[] {
  const findings: Finding[] = [];
  for (const section of openSections) {
    const value = config[section];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const key of Object.keys(value)) {
      if (isKnownKey(section, key)) continue;
      const pointer = childPointer(childPointer('', section), key);
      const span = map.span(pointer, 'key');
      if (!span) continue;
      const verdict = classifyKey(section, key, sectionKeys[section]);
      if (verdict.kind === 'typo') {
        findings.push(
          makeFinding(
            'unknown-key',
            span,
            { message: `unknown key '${key}' in ${section}; did you mean '${verdict.suggestion}'? (LiteLLM silently ignores it)`, path: pointer, suggestion: verdict.suggestion },
            'schema',
          ),
        );
      } else if (verdict.kind === 'misplaced') {
        const consequence = section === 'litellm_settings' ? 'here it only sets an unused attribute' : 'LiteLLM ignores it here';
        findings.push(
          makeFinding('misplaced-setting', span, { message: `'${key}' is not read in ${section}; it belongs in ${verdict.homeLabel} (${consequence})`, path: pointer, severity: 'warning' }, 'schema'),
        );
      } else {
        findings.push(makeFinding('unknown-setting', span, { message: `unknown key '${key}' in ${section}; LiteLLM does not read it`, path: pointer }, 'schema'));
      }
    }
  }
  return findings;
}
