/**
 * The dashboard's "Keys and users" panel in headless Chromium when the key store is on:
 * keys are listed by their abbreviation with alias, state and spend against budget, and a
 * key alias carrying markup shows as text. Skips, saying why, without /usr/bin/chromium or
 * PostgreSQL.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresForTests, withSkipReason, type PostgresNamespace } from '../../../fixtures/services/index.ts';
import { masterKey, startKeyStack, type KeyStack } from './key-store-fixture.ts';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const postgres = await postgresForTests();
const markupAlias = '<img src=x onerror="document.title=1">';

const title = hasChromium ? withSkipReason('keys panel in headless Chromium', postgres) : `keys panel in headless Chromium (skipped: ${chromiumPath} is not installed)`;

describe.skipIf(!hasChromium || !postgres.available)(title, () => {
  let namespace: PostgresNamespace;
  let stack: KeyStack;
  beforeEach(async () => {
    if (!postgres.available) throw new Error('unreachable');
    namespace = await postgres.service.namespace('keys_ui');
    stack = await startKeyStack(namespace.url);
  });
  afterEach(async () => {
    await stack.close();
    await namespace.cleanup();
  });

  it('lists the keys with alias, state and spend, as text', async () => {
    const key = await stack.generate({ key_alias: 'ci-pipeline', max_budget: 2, models: ['gpt-4o'] });
    await stack.generate({ key_alias: markupAlias });
    await stack.admin('POST', '/key/block', { key });
    const userDataDir = mkdtempSync(join(tmpdir(), 'litegate-keys-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${stack.proxy.url}/ui`);
      await page.fill('#key', masterKey);
      await page.click('#keyform button[type=submit]');
      await page.locator('#keys table').waitFor();
      expect(await page.locator('#keys-note').innerText()).toContain('2 virtual key(s)');
      const rows = page.locator('#keys tbody tr');
      expect(await rows.count()).toBe(2);
      const blocked = rows.filter({ hasText: 'ci-pipeline' });
      const text = await blocked.innerText();
      expect(text).toContain(`sk-...${key.slice(-4)}`);
      expect(text).toContain('blocked');
      expect(text).toContain('$2');
      expect(text).toContain('gpt-4o');
      expect(await rows.filter({ hasText: markupAlias }).count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.content()).not.toContain(key.slice(3));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
