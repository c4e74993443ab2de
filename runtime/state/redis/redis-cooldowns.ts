/**
 * Deployment cooldowns in Redis, shared by every instance:
 *   <prefix>cooldown:<deployment id>   JSON {until, seconds, status, reason}, expiring at `until`.
 * A re-cool keeps the later deadline (checked and set in one Lua script).
 */
import type { CooldownEntry, CooldownStore } from '../router-state.ts';
import type { MemoryCooldowns } from '../memory/memory-cooldowns.ts';
import { luaScript, type RedisLink } from './redis-link.ts';

// KEYS[1]: cooldown key. ARGV: entry JSON, ttl ms.
const COOL_DOWN = luaScript(`
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[2]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`);

/** Cooldowns shared through Redis keys that expire with them. */
export class RedisCooldowns implements CooldownStore {
  readonly #link: RedisLink;
  readonly #local: MemoryCooldowns;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(link: RedisLink, local: MemoryCooldowns, prefix: string, now: () => number) {
    this.#link = link;
    this.#local = local;
    this.#prefix = prefix;
    this.#now = now;
  }

  cooling(ids: readonly string[]): Promise<Map<string, CooldownEntry>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return this.#link.either(
      async (client) => {
        const values = await client.mget(ids.map((id) => this.#key(id)));
        // Entries this instance set while Redis was away still apply.
        const result = this.#local.coolingNow(ids);
        const now = this.#now();
        values.forEach((value, index) => {
          if (value === null) return;
          const entry = parseEntry(value);
          if (entry && entry.until > now) result.set(ids[index]!, entry);
        });
        return result;
      },
      () => this.#local.coolingNow(ids),
    );
  }

  async coolDown(id: string, entry: CooldownEntry): Promise<void> {
    this.#local.coolDownNow(id, entry);
    const ttl = Math.max(1, Math.ceil(entry.until - this.#now()));
    await this.#link.either(
      () => this.#link.script(COOL_DOWN, [this.#key(id)], [JSON.stringify(entry), ttl]),
      () => undefined,
    );
  }

  #key(id: string): string {
    return `${this.#prefix}cooldown:${id}`;
  }
}

function parseEntry(text: string): CooldownEntry | undefined {
  try {
    const value = JSON.parse(text) as CooldownEntry;
    return typeof value.until === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
