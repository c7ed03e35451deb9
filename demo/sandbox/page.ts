/** The live inspection page at `GET /_sandbox/`: plain HTML and a small polling script, no framework. */
export const INSPECTION_PAGE = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Braze sandbox · Inlet</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  header { padding: 16px 24px; background: #1d2330; color: #fff; display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0; }
  header .stat b { font-size: 18px; }
  main { padding: 16px 24px; display: grid; gap: 16px; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px #0001; }
  h2 { font-size: 15px; margin: 4px 0 8px; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceef4; vertical-align: top; overflow-wrap: anywhere; }
  /* Nested key/value rows: no borders, the key column narrow. */
  table.kv { table-layout: auto; }
  table.kv th, table.kv td { border: 0; padding: 1px 8px 1px 0; font-size: 13px; }
  table.kv th { text-transform: none; font-weight: 500; color: #5a6275; white-space: nowrap; width: 1%; }
  .event + .event { border-top: 1px dashed #eceef4; margin-top: 4px; padding-top: 4px; }
  .event b { font-weight: 600; }
  tr.profile td { border-bottom: 0; }
  tr.raw td { padding-top: 0; }
  details summary { cursor: pointer; color: #3b4a9c; font-size: 12px; width: max-content; }
  details pre { background: #f6f7fb; padding: 8px; border-radius: 6px; max-height: 360px; overflow: auto; }
  th { font-weight: 600; color: #5a6275; font-size: 12px; text-transform: uppercase; }
  code, pre { font: 12px ui-monospace, monospace; }
  pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .id { white-space: pre-line; }
  .pill { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; margin: 1px; }
  .subscribed, .opted_in { background: #dff5e3; color: #17692b; }
  .unsubscribed { background: #fde4e1; color: #9b2116; }
  .new { animation: flash 2s ease-out; }
  @keyframes flash { from { background: #fff6c8; } to { background: transparent; } }
  .muted { color: #7a8193; }
  button { font: inherit; padding: 4px 10px; }
</style>
</head>
<body>
<header>
  <h1>Braze sandbox</h1>
  <span class="stat"><b id="count">0</b> profiles</span>
  <span class="stat"><b id="points">0</b> data points</span>
  <span class="muted" id="status">connecting…</span>
  <button id="reset" type="button">Reset</button>
</header>
<main>
  <section><h2>Profiles</h2>
    <table><colgroup><col style="width: 17%"><col style="width: 24%"><col style="width: 15%"><col style="width: 30%"><col style="width: 6%"><col style="width: 8%"></colgroup>
    <thead><tr><th>Identity</th><th>Attributes</th><th>Subscriptions</th><th>Events</th><th>Data points</th><th>Updated</th></tr></thead>
    <tbody id="users"><tr><td colspan="6" class="muted">No profile yet: submit a sign-up form and it appears here.</td></tr></tbody></table>
  </section>
  <section><h2>Recent requests</h2>
    <table><colgroup><col style="width: 14%"><col style="width: 30%"><col style="width: 10%"><col></colgroup>
    <thead><tr><th>At</th><th>Request</th><th>Status</th><th>Notes</th></tr></thead><tbody id="requests"></tbody></table>
  </section>
</main>
<script>
  const base = location.pathname.replace(/\\/?$/, '/');
  const seen = new Set();
  let groups = {};
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const child of children) node.append(child);
    return node;
  };
  const pill = (text, state) => el('span', { className: 'pill ' + state, textContent: text });
  // Raw JSON stays open across the one-second refresh: remembered per profile.
  const openRaw = new Set();
  const text = (value) => typeof value === 'string' ? value : JSON.stringify(value);
  /** One row per key: readable at any width, where a JSON blob would widen the page. */
  const rows = (object) => {
    const entries = Object.entries(object);
    if (!entries.length) return el('span', { className: 'muted', textContent: '—' });
    return el('table', { className: 'kv' }, el('tbody', {}, ...entries.map(([k, v]) =>
      el('tr', {}, el('th', { scope: 'row', textContent: k }), el('td', { textContent: Array.isArray(v) ? v.map(text).join(', ') : text(v) })))));
  };
  const raw = (key, value) => {
    const details = el('details', { open: openRaw.has(key) }, el('summary', { textContent: 'Raw JSON' }), el('pre', { textContent: JSON.stringify(value, null, 2) }));
    details.addEventListener('toggle', () => details.open ? openRaw.add(key) : openRaw.delete(key));
    return details;
  };

  function userRow(u) {
    const id = [u.external_id && 'external_id: ' + u.external_id, u.email, u.phone,
      ...u.user_aliases.map((a) => 'alias ' + a.alias_label + ':' + a.alias_name)].filter(Boolean).join('\\n');
    const subs = el('td', {}, pill('email ' + u.email_subscribe, u.email_subscribe));
    for (const [gid, state] of Object.entries(u.subscription_groups)) {
      const effective = u.effective_subscription_groups[gid];
      subs.append(el('div', {}, pill((groups[gid] || gid) + ': ' + state + (effective !== state ? ' (muted globally)' : ''), effective)));
    }
    const events = el('td', {}, ...(u.events.length ? u.events.map((e) => el('div', { className: 'event' },
      el('div', {}, el('b', { textContent: e.name }), el('span', { className: 'muted', textContent: ' · ' + e.time })), rows(e.properties)))
      : [el('span', { className: 'muted', textContent: '—' })]));
    const row = el('tr', { className: 'profile' }, el('td', { className: 'id', textContent: id }), el('td', {}, rows(u.attributes)), subs,
      events, el('td', { textContent: String(u.data_points) }), el('td', { className: 'muted', textContent: u.updated_at }));
    if (!seen.has(u.braze_id + u.updated_at)) { seen.add(u.braze_id + u.updated_at); row.classList.add('new'); }
    // The whole profile as Braze-shaped JSON, across the full width, only when asked for.
    return [row, el('tr', { className: 'raw' }, el('td', { colSpan: 6 }, raw(u.braze_id, u)))];
  }

  async function refresh() {
    try {
      const [users, points, requests] = await Promise.all(['users', 'datapoints', 'requests?limit=15'].map((p) => fetch(base + p).then((r) => r.json())));
      document.getElementById('count').textContent = users.users.length;
      document.getElementById('points').textContent = points.total;
      const tbody = document.getElementById('users');
      if (users.users.length) tbody.replaceChildren(...[...users.users].reverse().flatMap(userRow));
      document.getElementById('requests').replaceChildren(...requests.requests.reverse().map((r) => el('tr', {},
        el('td', { className: 'muted', textContent: r.at }), el('td', {}, el('code', { textContent: r.method + ' ' + r.path + r.query })),
        el('td', { textContent: r.status === null ? r.outcome : String(r.status) + (r.fault ? ' (injected)' : '') }),
        el('td', { className: 'muted', textContent: r.notes.join('; ') })))); 
      document.getElementById('status').textContent = 'live · ' + new Date().toLocaleTimeString();
    } catch {
      document.getElementById('status').textContent = 'sandbox unreachable, retrying…';
    }
  }
  document.getElementById('reset').onclick = () => fetch(base + 'reset', { method: 'POST' }).then(refresh);
  fetch(base + 'subscription-groups').then((r) => r.json()).then((g) => {
    groups = Object.fromEntries(g.subscription_groups.map((x) => [x.id, x.name]));
  }).finally(() => { refresh(); setInterval(refresh, 1000); });
</script>
</body>
</html>
`;
