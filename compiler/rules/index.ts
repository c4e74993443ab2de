/**
 * The rule list, in the order findings of equal position are reported. Adding a rule:
 * one file named after its id, an entry in compiler/diagnostics/codes.ts, and a line here.
 */
import { aliasShape } from './alias-shape.ts';
import { aliasUnknownGroup } from './alias-unknown-group.ts';
import { aliasWithoutFallbacks } from './alias-without-fallbacks.ts';
import { azureDeployment } from './azure-deployment.ts';
import { budgetWithoutDuration } from './budget-without-duration.ts';
import { cacheBackend } from './cache-backend.ts';
import { duplicateDeploymentId } from './duplicate-deployment-id.ts';
import { envInListItem } from './env-in-list-item.ts';
import { envReferenceSyntax } from './env-reference-syntax.ts';
import { envUnset } from './env-unset.ts';
import { fallbackShape } from './fallback-shape.ts';
import { fallbackUnknownGroup } from './fallback-unknown-group.ts';
import { hardcodedSecret } from './hardcoded-secret.ts';
import { keyContainsEquals } from './key-contains-equals.ts';
import { masterKeyUnset } from './master-key-unset.ts';
import { misplacedSetting } from './misplaced-setting.ts';
import { nativeProviderOpenaiBase } from './native-provider-openai-base.ts';
import { redisHostUrl } from './redis-host-url.ts';
import { routerResponseCache } from './router-response-cache.ts';
import { routingStrategy } from './routing-strategy.ts';
import { rpmTpmNotLimits } from './rpm-tpm-not-limits.ts';
import type { Rule } from './rule.ts';
import { settingPrecedence } from './setting-precedence.ts';
import { shellPlaceholder } from './shell-placeholder.ts';
import { unknownProvider } from './unknown-provider.ts';
import { virtualKeysWithoutDb } from './virtual-keys-without-db.ts';

export const rules: readonly Rule[] = [
  keyContainsEquals,
  misplacedSetting,
  routingStrategy,
  fallbackShape,
  fallbackUnknownGroup,
  aliasShape,
  aliasUnknownGroup,
  aliasWithoutFallbacks,
  duplicateDeploymentId,
  envUnset,
  masterKeyUnset,
  envInListItem,
  envReferenceSyntax,
  shellPlaceholder,
  hardcodedSecret,
  budgetWithoutDuration,
  cacheBackend,
  routerResponseCache,
  virtualKeysWithoutDb,
  rpmTpmNotLimits,
  azureDeployment,
  unknownProvider,
  nativeProviderOpenaiBase,
  redisHostUrl,
  settingPrecedence,
];
