/**
 * A Redis `host` takes a hostname; `redis://…` there makes the client try to resolve the
 * whole URL as a host name, so the cache or the shared router state never connects
 * (reference §12 #20). The URL belongs in `url` (cache_params) or `redis_url`
 * (router_settings).
 */
import type { Rule } from './rule.ts';
import { asRecord } from './config-index.ts';

const url = /^rediss?:\/\//i;

export const redisHostUrl: Rule = {
  id: 'redis-host-url',
  description: 'Redis hosts are hostnames, not URLs',
  check(context) {
    const router = context.index.routerSettings;
    if (typeof router.redis_host === 'string' && url.test(router.redis_host)) {
      context.report({ pointer: '/router_settings/redis_host', part: 'value', message: 'router_settings.redis_host is a URL; it takes a hostname. Put the URL in router_settings.redis_url instead', suggestion: 'redis_url' });
    }
    const params = asRecord(context.index.litellmSettings.cache_params);
    if (params && typeof params.host === 'string' && url.test(params.host)) {
      context.report({ pointer: '/litellm_settings/cache_params/host', part: 'value', message: 'cache_params.host is a URL; it takes a hostname. Put the URL in cache_params.url instead', suggestion: 'url' });
    }
  },
};
