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
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceef4; vertical-align: top; }
  th { font-weight: 600; color: #5a6275; font-size: 12px; text-transform: uppercase; }
  code, pre { font: 12px ui-monospace, monospace; }
  pre { margin: 0; white-space: pre-wrap; max-width: 420px; }
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
    <table><thead><tr><th>Identity</th><th>Attributes</th><th>Subscriptions</th><th>Events</th><th>Data points</th><th>Updated</th></tr></thead>
    <tbody id="users"><tr><td colspan="6" class="muted">No profile yet: submit a sign-up form and it appears here.</td></tr></tbody></table>
  </section>
  <section><h2>Recent requests</h2>
    <table><thead><tr><th>At</th><th>Request</th><th>Status</th><th>Notes</th></tr></thead><tbody id="requests"></tbody></table>
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
  const pre = (value) => el('pre', { textContent: JSON.stringify(value, null, 1) });

  function userRow(u) {
    const id = [u.external_id && 'external_id: ' + u.external_id, u.email, u.phone,
      ...u.user_aliases.map((a) => 'alias ' + a.alias_label + ':' + a.alias_name)].filter(Boolean).join('\\n');
    const subs = el('td', {}, pill('email ' + u.email_subscribe, u.email_subscribe));
    for (const [gid, state] of Object.entries(u.subscription_groups)) {
      const effective = u.effective_subscription_groups[gid];
      subs.append(el('div', {}, pill((groups[gid] || gid) + ': ' + state + (effective !== state ? ' (muted globally)' : ''), effective)));
    }
    const events = u.events.map((e) => e.name + ' · ' + e.time + (Object.keys(e.properties).length ? ' ' + JSON.stringify(e.properties) : '')).join('\\n');
    const row = el('tr', {}, el('td', {}, el('pre', { textContent: id + '\\n' })), el('td', {}, pre(u.attributes)), subs,
      el('td', {}, el('pre', { textContent: events || '—' })), el('td', { textContent: String(u.data_points) }), el('td', { className: 'muted', textContent: u.updated_at }));
    if (!seen.has(u.braze_id + u.updated_at)) { seen.add(u.braze_id + u.updated_at); row.className = 'new'; }
    return row;
  }

  async function refresh() {
    try {
      const [users, points, requests] = await Promise.all(['users', 'datapoints', 'requests?limit=15'].map((p) => fetch(base + p).then((r) => r.json())));
      document.getElementById('count').textContent = users.users.length;
      document.getElementById('points').textContent = points.total;
      const tbody = document.getElementById('users');
      if (users.users.length) tbody.replaceChildren(...[...users.users].reverse().map(userRow));
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
