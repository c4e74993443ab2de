/**
 * The dashboard page served at `/ui`: one self-contained HTML document (inline CSS and
 * script, no external assets, no build step), because users run the proxy offline. The
 * script polls `/ui/api/summary` and `/ui/api/requests` every few seconds with the master
 * key from sessionStorage, and builds every cell with textContent (never innerHTML), so
 * model names and provider messages cannot inject markup. A Content-Security-Policy with
 * the hashes of the inline style and script backs that up.
 */
import { createHash } from 'node:crypto';

const style = `
:root{--bg:#f6f7f9;--card:#fff;--text:#1d232b;--muted:#5f6b7a;--line:#e3e7ec;--accent:#2457d6;--ok:#137a3a;--okbg:#e3f5e9;--warn:#8a5a00;--warnbg:#fff3d6;--bad:#b42318;--badbg:#fde8e6;--idle:#5f6b7a;--idlebg:#eef1f4}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--card:#171d24;--text:#e6eaef;--muted:#9aa6b4;--line:#2a323c;--accent:#7aa2ff;--ok:#6fdc97;--okbg:#12301f;--warn:#f5c46b;--warnbg:#3a2c0c;--bad:#ff8a80;--badbg:#3d1512;--idle:#9aa6b4;--idlebg:#222a33}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
header{display:flex;flex-wrap:wrap;align-items:center;gap:12px;padding:14px 24px;background:var(--card);border-bottom:1px solid var(--line);position:sticky;top:0;z-index:1}
header h1{font-size:18px;margin:0;font-weight:650}
header .spacer{flex:1}
main{padding:20px 24px;max-width:1400px;margin:0 auto}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 18px;overflow:hidden}
section>h2{font-size:15px;margin:0;padding:12px 16px;border-bottom:1px solid var(--line);display:flex;gap:10px;align-items:baseline}
section>h2 small{color:var(--muted);font-weight:400}
.body{padding:12px 16px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0 0 18px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.tile .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.tile .value{font-size:22px;font-weight:650;margin-top:2px;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:7px 12px;border-bottom:1px solid var(--line);white-space:nowrap;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:var(--bg)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}
tr.group td{background:var(--bg);font-weight:600}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.muted{color:var(--muted)}
.wrap{white-space:normal;min-width:140px;max-width:360px;overflow-wrap:break-word}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600}
.ok{color:var(--ok);background:var(--okbg)}.warn{color:var(--warn);background:var(--warnbg)}.bad{color:var(--bad);background:var(--badbg)}.idle{color:var(--idle);background:var(--idlebg)}
button,input{font:inherit}
button{border:1px solid var(--line);background:var(--card);color:var(--text);border-radius:7px;padding:5px 12px;cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
input[type=password]{border:1px solid var(--line);background:var(--bg);color:var(--text);border-radius:7px;padding:6px 10px;min-width:280px}
#keybox{border-color:var(--accent)}
#keybox form{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
#status{color:var(--muted);font-size:12px}
#error{color:var(--bad)}
.empty{padding:16px;color:var(--muted)}
.notice{padding:12px 16px;line-height:1.6}
footer{color:var(--muted);font-size:12px;padding:0 24px 24px;max-width:1400px;margin:0 auto}
[hidden]{display:none!important}
`;

const script = `
'use strict';
(() => {
  const keyName = 'litegate.masterKey';
  const base = location.pathname.replace(/\\/ui\\/?$/, '');
  const state = { key: sessionStorage.getItem(keyName) || '', paused: false, health: new Map(), timer: 0 };
  const $ = (id) => document.getElementById(id);

  /** Element builder: strings become text nodes (never parsed as HTML). */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'title') node.title = String(value);
      else node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const num = (value) => (value === null || value === undefined ? '–' : Number(value).toLocaleString('en-US'));
  const money = (value) => (value === null || value === undefined ? '–' : value === 0 ? '$0' : '$' + (value < 0.01 ? value.toPrecision(3) : value.toFixed(4)));
  const ms = (value) => (value === null || value === undefined ? '–' : value >= 1000 ? (value / 1000).toFixed(2) + ' s' : Math.round(value) + ' ms');
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '–');
  // Deployment ids are often 64-character hashes: show a prefix, the full id on hover.
  const shortId = (id) => h('span', { class: 'mono muted', title: id }, id.length > 14 ? id.slice(0, 12) + '\u2026' : id);
  const badge = (text, kind, title) => h('span', { class: 'badge ' + kind, title }, text);
  const td = (content, cls) => h('td', { class: cls }, content);

  class AuthError extends Error {}
  async function api(path) {
    const headers = state.key ? { authorization: 'Bearer ' + state.key } : {};
    const response = await fetch(base + path, { headers, cache: 'no-store' });
    if (response.status === 401) throw new AuthError((await response.json().catch(() => ({}))).error?.message || 'Authentication required');
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    return response.json();
  }

  function deploymentState(deployment) {
    const health = state.health.get(deployment.id) || deployment.health;
    if (deployment.cooldown) {
      return h('span', {}, badge('cooling down', 'bad', deployment.cooldown.status + ': ' + deployment.cooldown.reason), h('span', { class: 'muted' }, ' until ' + time(deployment.cooldown.until)));
    }
    if (health.status === 'unhealthy') return badge('unhealthy', 'bad', health.error || '');
    if (deployment.state === 'degraded') return badge('last call failed', 'warn', 'Latest status ' + (deployment.usage && deployment.usage.last_status));
    if (health.status === 'healthy') return badge('healthy', 'ok', 'Checked ' + time(health.checked_at));
    if (deployment.usage && deployment.usage.requests > 0) return badge('serving', 'ok', 'No health check yet; latest requests succeeded');
    return badge('not checked', 'idle', 'No request or health check yet');
  }

  function renderTiles(summary) {
    const totals = summary.totals;
    const tiles = [
      ['Requests', num(totals.requests)],
      ['Failures', num(totals.failures)],
      ['Tokens', num(totals.prompt_tokens + totals.completion_tokens)],
      ['Cost', money(totals.cost)],
      ['In flight', num(summary.litegate.in_flight)],
      ['Models', num(summary.groups.length)],
    ];
    $('tiles').replaceChildren(...tiles.map(([label, value]) => h('div', { class: 'tile' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value))));
  }

  function renderModels(summary) {
    const rows = [];
    for (const group of summary.groups) {
      rows.push(h('tr', { class: 'group' }, h('td', { colspan: 9 }, group.name, group.wildcard ? h('span', { class: 'muted' }, '  (pattern)') : null, h('span', { class: 'muted' }, '  · ' + group.deployments.length + (group.deployments.length === 1 ? ' deployment' : ' deployments')))));
      for (const deployment of group.deployments) {
        const usage = deployment.usage || {};
        const failures = (usage.failures || 0) + (usage.attempt_failures || 0);
        rows.push(h('tr', { 'data-deployment': deployment.id },
          td(h('span', {}, h('div', { class: 'mono', title: deployment.api_base || '' }, deployment.model), h('div', {}, shortId(deployment.id)))),
          td(deployment.provider),
          td(deploymentState(deployment)),
          td(num(usage.requests), 'num'),
          td(failures ? badge(num(failures), 'bad', (usage.attempt_failures || 0) + ' failed attempts, ' + (usage.failures || 0) + ' failed responses') : '0', 'num'),
          td(num(usage.prompt_tokens) + ' / ' + num(usage.completion_tokens), 'num'),
          td(deployment.price_source === null ? h('span', { class: 'muted', title: 'No price: set input_cost_per_token and output_cost_per_token in model_info' }, 'n/a')
            : deployment.price_source === 'estimate' ? h('span', { title: 'Estimated from litegate\u2019s bundled list prices; set input_cost_per_token / output_cost_per_token to override' }, '\u2248 ' + money(usage.cost))
            : money(usage.cost), 'num'),
          td(ms(usage.mean_latency_ms), 'num'),
          td(usage.last_at ? time(usage.last_at) + ' · ' + usage.last_status : '–', 'muted'),
        ));
      }
    }
    $('models').replaceChildren(rows.length ? table(['Deployment', 'Provider', 'State', 'Requests', 'Failures', 'Tokens in / out', 'Cost', 'Mean latency', 'Last call'], rows, [3, 4, 5, 6, 7]) : h('div', { class: 'empty' }, 'No models configured.'));
  }

  function renderUsage(summary) {
    const rows = summary.requested_models.map((model) => h('tr', {},
      td(h('span', { class: 'mono' }, model.model)), td(num(model.requests), 'num'), td(num(model.failures), 'num'),
      td(num(model.prompt_tokens) + ' / ' + num(model.completion_tokens), 'num'), td(money(model.cost), 'num'), td(ms(model.mean_latency_ms), 'num')));
    $('usage').replaceChildren(rows.length ? table(['Requested model', 'Requests', 'Failures', 'Tokens in / out', 'Cost', 'Mean latency'], rows, [1, 2, 3, 4, 5]) : h('div', { class: 'empty' }, 'No requests yet.'));
  }

  function renderRequests(requests) {
    $('recent-count').textContent = requests.total > requests.data.length ? 'latest ' + requests.data.length + ' of ' + num(requests.total) : '';
    const rows = requests.data.map((record) => {
      const ok = record.status < 400 && !record.error;
      return h('tr', {},
        td(time(record.time), 'muted'),
        td(h('span', { class: 'mono' }, record.model ?? '–', record.group && record.group !== record.model ? h('span', { class: 'muted' }, ' → ' + record.group) : null)),
        td(record.cache_hit ? badge('cache hit', 'idle') : record.deployment_id ? h('span', {}, (record.provider || '') + ' ', shortId(record.deployment_id)) : '–'),
        td(badge(String(record.status), ok ? 'ok' : record.status === 499 ? 'idle' : 'bad')),
        td(h('span', { title: record.upstream_ms === null ? '' : (record.stream ? 'Provider sent its first bytes after ' : 'Provider answered in ') + ms(record.upstream_ms) }, ms(record.latency_ms)), 'num'),
        td(record.prompt_tokens === null ? '–' : num(record.prompt_tokens) + ' / ' + num(record.completion_tokens), 'num'),
        td(money(record.cost), 'num'),
        td(record.retries + ' / ' + record.fallbacks, 'num'),
        td(record.operation + (record.stream ? ' · stream' : ''), 'muted'),
        td(record.error || '', 'wrap'),
      );
    });
    $('requests').replaceChildren(rows.length ? table(['Time', 'Model', 'Deployment', 'Status', 'Latency', 'Tokens in / out', 'Cost', 'Retries / fallbacks', 'Call', 'Error'], rows, [4, 5, 6, 7]) : h('div', { class: 'empty' }, 'No requests yet. Send one to /v1/chat/completions and it shows up here.'));
  }

  function table(headings, rows, numeric) {
    return h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, headings.map((text, i) => h('th', { class: numeric.includes(i) ? 'num' : '' }, text)))), h('tbody', {}, rows)));
  }

  function renderKeys(keys) {
    if (!keys) return $('keys').replaceChildren();
    const rows = keys.map((key) => h('tr', {},
      td(h('span', { class: 'mono' }, key.key_name)),
      td(key.key_alias ?? '–'),
      td(key.blocked ? badge('blocked', 'bad') : key.expires && Date.parse(key.expires) <= Date.now() ? badge('expired', 'bad') : badge('active', 'ok')),
      td(money(key.spend) + (key.max_budget === null ? '' : ' / ' + money(key.max_budget)), 'num'),
      td(key.models.length ? key.models.join(', ') : 'all', 'wrap'),
      td((key.rpm_limit ?? '–') + ' / ' + (key.tpm_limit ?? '–'), 'num'),
      td(key.expires ? new Date(key.expires).toLocaleString() : 'never', 'muted'),
    ));
    $('keys').replaceChildren(rows.length ? table(['Key', 'Alias', 'State', 'Spend / budget', 'Models', 'rpm / tpm', 'Expires'], rows, [3, 5]) : h('div', { class: 'empty' }, 'No virtual keys yet. Create one with POST /key/generate.'));
  }

  function renderSettings(summary) {
    const s = summary.settings;
    $('version').textContent = summary.litegate.version;
    $('auth').replaceChildren(s.auth ? badge('master key', 'ok') : badge('no auth', 'warn', 'No master key configured: anyone who can reach the port can use the proxy'));
    $('settings').textContent = 'routing: ' + s.routing_strategy + ' · retries: ' + s.num_retries + ' · cache: ' + (s.cache || 'off') + ' · state: ' + s.shared_state + ' · health checks: ' + (s.background_health_checks ? 'every ' + s.health_check_interval + ' s' : 'on demand');
    $('keys-note').textContent = summary.virtual_keys.message;
    renderKeys(summary.virtual_keys.keys);
    const access = summary.metrics.access === 'open' ? ' (open: prometheus callback configured)' : s.auth ? ' (master key required)' : ' (open: no master key configured)';
    $('metrics-note').textContent = 'Prometheus metrics: ' + base + summary.metrics.path + access;
    $('forget').hidden = !state.key;
  }

  function showKeyBox(message) {
    $('keybox').hidden = false;
    $('key-message').textContent = message;
    $('content').hidden = true;
    $('key').focus();
  }

  async function refresh() {
    try {
      const [summary, requests] = await Promise.all([api('/ui/api/summary'), api('/ui/api/requests?limit=100')]);
      $('keybox').hidden = true;
      $('content').hidden = false;
      renderSettings(summary);
      renderTiles(summary);
      renderModels(summary);
      renderUsage(summary);
      renderRequests(requests);
      $('error').textContent = '';
      $('status').textContent = 'Updated ' + new Date().toLocaleTimeString() + (state.paused ? ' · paused' : ' · refreshing every 5 s');
    } catch (error) {
      if (error instanceof AuthError) showKeyBox(state.key ? 'That key was not accepted: ' + error.message : 'This proxy has a master key. Enter it to see the dashboard (kept in this tab only).');
      else $('error').textContent = 'Could not refresh: ' + error.message;
    }
  }

  async function runHealthCheck() {
    const button = $('health');
    button.disabled = true;
    button.textContent = 'Checking…';
    try {
      const headers = state.key ? { authorization: 'Bearer ' + state.key } : {};
      const response = await fetch(base + '/health', { headers, cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const report = await response.json();
      const at = new Date().toISOString();
      for (const entry of report.healthy_endpoints || []) state.health.set(entry.model_id, { status: 'healthy', checked_at: at });
      for (const entry of report.unhealthy_endpoints || []) state.health.set(entry.model_id, { status: 'unhealthy', error: String(entry.error), checked_at: at });
      await refresh();
    } catch (error) {
      $('error').textContent = 'Health check failed: ' + error.message;
    } finally {
      button.disabled = false;
      button.textContent = 'Run health check';
    }
  }

  $('keyform').addEventListener('submit', (event) => {
    event.preventDefault();
    state.key = $('key').value.trim();
    $('key').value = '';
    if (state.key) sessionStorage.setItem(keyName, state.key);
    refresh();
  });
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(keyName);
    state.key = '';
    refresh();
  });
  $('pause').addEventListener('click', () => {
    state.paused = !state.paused;
    $('pause').textContent = state.paused ? 'Resume' : 'Pause';
    if (!state.paused) refresh();
  });
  $('health').addEventListener('click', runHealthCheck);
  state.timer = setInterval(() => { if (!state.paused && !document.hidden) refresh(); }, 5000);
  refresh();
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page. */
export const dashboardHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>litegate dashboard</title>
<style>${style}</style>
</head>
<body>
<header>
  <h1>litegate</h1>
  <span class="muted" id="version"></span>
  <span id="auth"></span>
  <span class="muted" id="settings"></span>
  <span class="spacer"></span>
  <span id="status">Loading…</span>
  <button type="button" id="health" title="Calls every deployment once (GET /health): this spends tokens">Run health check</button>
  <button type="button" id="pause">Pause</button>
  <button type="button" id="forget" hidden>Forget key</button>
</header>
<main>
  <div id="error" role="alert"></div>
  <section id="keybox" hidden>
    <h2>Master key</h2>
    <div class="body">
      <p id="key-message"></p>
      <form id="keyform" autocomplete="off">
        <input type="password" id="key" name="key" placeholder="sk-…" aria-label="Master key">
        <button type="submit" class="primary">Open dashboard</button>
      </form>
    </div>
  </section>
  <div id="content" hidden>
    <div class="tiles" id="tiles"></div>
    <section><h2>Models <small>health, usage and cost per deployment</small></h2><div id="models"></div></section>
    <section><h2>Usage by requested model</h2><div id="usage"></div></section>
    <section><h2>Recent requests <small id="recent-count"></small></h2><div id="requests"></div></section>
    <section><h2>Keys and users</h2><div class="notice" id="keys-note"></div><div id="keys"></div></section>
  </div>
</main>
<footer><span id="metrics-note"></span> · Counters are per proxy process and start at zero when it starts.</footer>
<script>${script}</script>
</body>
</html>
`;

/** CSP for the page: only its own inline style and script, and requests to its own origin. */
export const dashboardContentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${sha256(script)}`,
  `style-src ${sha256(style)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
