/**
 * The dashboard in a real browser: headless Debian Chromium (driven by playwright-core)
 * opens http://proxy/ as the seed guide says, is redirected to /ui, enters the master key,
 * and sees the models table and the requests just made, including one refreshed in
 * automatically. A model name carrying markup must show as text. Saves a screenshot to
 * /tmp/litegate-ui.png for a human look. Skips, saying why, where /usr/bin/chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../compiler/plan/lower.ts';
import { startSimulator, type Simulator } from '../../fixtures/simulator/start-simulator.ts';
import { startProxy, type RunningProxy } from '../../runtime/server/start-proxy.ts';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const masterKey = 'sk-ui-browser-master';
const markupModel = '<img src=x onerror="document.title=1">';

const config = `
model_list:
  - {model_name: gpt-4o, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}}
  - {model_name: gpt-4o, litellm_params: {model: azure/gpt-4o-eu, api_base: "https://eu.openai.azure.com", api_version: "2024-10-21"}}
  - {model_name: claude-3-haiku, litellm_params: {model: anthropic/claude-3-haiku-20240307}}
  - {model_name: flaky, litellm_params: {model: openai/flaky-model}, model_info: {id: flaky-1}}
router_settings:
  num_retries: 0
  fallbacks: [{flaky: [claude-3-haiku]}]
  allowed_fails: 0
  cooldown_time: 600
general_settings:
  master_key: ${masterKey}
`;

let simulator: Simulator;
let proxy: RunningProxy;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const pageErrors: string[] = [];

async function chat(model: string): Promise<number> {
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${masterKey}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe.skipIf(!hasChromium)(hasChromium ? 'dashboard in headless Chromium' : `dashboard in headless Chromium (skipped: ${chromiumPath} is not installed; apt-get install chromium)`, () => {
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, scenario: { rules: [{ match: { model: 'flaky-model' }, fault: { fault: 'error', status: 503, message: 'simulated outage' } }] } });
    proxy = await startProxy({ plan: lowerToPlan(parse(config) as Record<string, unknown>, '/e2e/ui.yaml'), port: 0, env: {}, simulatorOrigin: simulator.url });
    expect(await chat('gpt-4o')).toBe(200);
    expect(await chat('claude-3-haiku')).toBe(200);
    expect(await chat('flaky')).toBe(200);
    expect(await chat(markupModel)).toBe(400);
    userDataDir = mkdtempSync(join(tmpdir(), 'litegate-ui-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1360, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // CSP violations and script errors both end up here.
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await proxy?.close();
    await simulator?.close();
  });

  it('asks for the master key, then shows models, health state and recent requests', async () => {
    await page.goto(`${proxy.url}/`);
    expect(new URL(page.url()).pathname).toBe('/ui');
    await page.locator('#keybox').waitFor({ state: 'visible' });
    expect(await page.locator('#content').isHidden()).toBe(true);

    await page.fill('#key', 'sk-wrong');
    await page.click('#keyform button[type=submit]');
    await expect.poll(() => page.locator('#key-message').textContent()).toContain('not accepted');

    await page.fill('#key', masterKey);
    await page.click('#keyform button[type=submit]');
    await page.locator('#models table').waitFor();
    const models = await page.locator('#models').innerText();
    expect(models).toContain('gpt-4o');
    expect(models).toContain('openai/gpt-4o');
    expect(models).toContain('azure/gpt-4o-eu');
    expect(models).toContain('anthropic/claude-3-haiku-20240307');
    expect(await page.locator('tr[data-deployment="flaky-1"]').innerText()).toContain('cooling down');
    const requests = page.locator('#requests tbody tr');
    await expect.poll(() => requests.count()).toBe(4);
    expect(await requests.nth(3).innerText()).toContain('gpt-4o');
    expect(await requests.nth(3).innerText()).toContain('200');
    // The flaky request fell back: requested model → answering group, one fallback.
    expect(await requests.nth(1).innerText()).toMatch(/flaky\s*→\s*claude-3-haiku[\s\S]*0 \/ 1/);
    expect(await page.locator('#keys-note').innerText()).toContain('database_url');
    expect(await page.evaluate(() => sessionStorage.getItem('litegate.masterKey'))).toBe(masterKey);
  });

  it('shows a model name carrying markup as text, never as markup', async () => {
    const row = page.locator('#requests tbody tr').first();
    expect(await row.innerText()).toContain(markupModel);
    expect(await row.locator('td').nth(3).innerText()).toBe('400');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.title()).toBe('litegate dashboard');
  });

  it('refreshes by itself: a request made after loading appears without reloading', async () => {
    expect(await chat('claude-3-haiku')).toBe(200);
    await expect.poll(() => page.locator('#requests tbody tr').count(), { timeout: 12_000, interval: 250 }).toBe(5);
    expect(await page.locator('#requests tbody tr').first().innerText()).toContain('claude-3-haiku');
  });

  it('keeps the key for the tab across a reload, and renders without script or CSP errors', async () => {
    await page.reload();
    await page.locator('#models table').waitFor();
    expect(await page.locator('#keybox').isHidden()).toBe(true);
    await page.screenshot({ path: '/tmp/litegate-ui.png', fullPage: true });
    // The 401s of the keyless and wrong-key attempts are expected; nothing else may fail.
    expect(pageErrors.filter((text) => !/status of 401/.test(text))).toEqual([]);
  });
});
