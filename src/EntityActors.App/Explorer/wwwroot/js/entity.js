// One entity: its state and version, its history as a timeline, and a form to send it a signal (with wait).
import { call, get, query } from './api.js';
import { describe, labelOf } from './catalog.js';
import { badge, field, fill, h, json, ms, problemBox, summary, time } from './dom.js';

const refreshEvery = 2000;

export async function renderEntity(view, kind, id) {
  const meta = await describe(kind);
  const path = `/${kind}/${encodeURIComponent(id)}`;
  const state = h('section', { className: 'card', 'data-testid': 'entity-state' }, h('p', { className: 'muted' }, 'Loading…'));
  const history = h('section', { className: 'card', 'data-testid': 'history' });
  const checkouts = kind === 'carts' ? h('section', { className: 'card', 'data-testid': 'cart-checkouts' }) : null;
  const shown = { items: [], nextBefore: null }; // once the user asks for more than the newest page: all shown so far

  async function refresh() {
    const [entity, page, carts] = await Promise.all([
      get(path),
      get(`${path}/history${query({ limit: 20 })}`),
      checkouts ? get(`${path}/checkouts`) : null,
    ]);
    renderState(state, kind, entity);
    renderHistory(history, page, shown, path, refresh);
    if (checkouts) renderCheckouts(checkouts, carts);
  }

  fill(view,
    h('div', { className: 'crumbs' }, h('a', { href: `#/${kind}` }, labelOf(kind)), ' / ', id),
    h('h1', { 'data-testid': 'entity-title' }, `${labelOf(kind)} · ${id}`),
    h('div', { className: 'grid' }, h('div', {}, state, checkouts), signalForm(kind, path, meta.signals, refresh)),
    history);
  await refresh();
  const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), refreshEvery);
  return () => clearInterval(timer);
}

// The status the list shows, derived as the read model's projections do (ReadModel/Projections): an inventory item has
// no lifecycle, so its status says whether a unit may still be reserved (InventoryItemProjection).
const statusOf = (kind, state) => (kind === 'inventory-items' ? (state?.available > 0 ? 'in-stock' : 'out-of-stock') : state?.status);

function renderState(card, kind, entity) {
  if (!entity.ok) {
    fill(card, h('h2', {}, 'State'), problemBox(entity.problem),
      entity.status === 404 ? h('p', { className: 'muted' }, 'A first signal creates it.') : null);
    return;
  }

  const view = entity.data;
  const status = statusOf(kind, view.state);
  fill(card,
    h('h2', {}, 'State'),
    h('dl', { className: 'facts' },
      h('dt', {}, 'status'), h('dd', { 'data-testid': 'entity-status' }, status ? badge(status) : null),
      h('dt', {}, 'version'), h('dd', { 'data-testid': 'entity-version' }, view.version),
      h('dt', {}, 'sequence'), h('dd', { 'data-testid': 'entity-sequence' }, view.sequence),
      h('dt', {}, 'last change'), h('dd', {}, time(view.lastChangedAt))),
    json(view.state));
}

// Until the user asks for more, the newest page is what is shown. From then on each refresh merges the newest page into
// what is shown, so nothing shown goes away; signals missing between two shown ones (more arrived between two refreshes
// than a page holds) are marked as a gap with a button to load them, never left out silently.
function renderHistory(card, page, shown, path, refresh) {
  if (!page.ok) {
    fill(card, h('h2', {}, 'History'), page.status === 404 ? h('p', { className: 'muted' }, 'No signal yet.') : problemBox(page.problem));
    return;
  }

  if (shown.items.length) shown.items = merge(page.data.items, shown.items);
  const items = shown.items.length ? shown.items : page.data.items;
  const before = shown.items.length ? shown.nextBefore : page.data.nextBefore;
  const load = async (below, older) => {
    const next = await get(`${path}/history${query({ limit: 20, before: below })}`);
    if (!next.ok) return;
    shown.items = merge(next.data.items, shown.items.length ? shown.items : items);
    if (older) shown.nextBefore = next.data.nextBefore;
    await refresh();
  };
  const missing = items.reduce((sum, item, index) => sum + (index ? items[index - 1].sequence - item.sequence - 1 : 0), 0);
  fill(card,
    h('h2', {}, `History (${items.length} shown${missing ? `, ${missing} not loaded` : ''})`),
    h('ol', { className: 'timeline', 'data-testid': 'history-list' }, items.map((item, index) => {
      const above = items[index - 1];
      return [above && above.sequence - item.sequence > 1 ? historyGap(item.sequence + 1, above.sequence - 1, () => load(above.sequence, false)) : null,
        historyItem(item)];
    })),
    before ? h('button', { className: 'secondary', 'data-testid': 'history-older', onclick: () => load(before, true) }, 'Older signals') : null);
}

/** Newest first, one entry per sequence; where both lists hold one, the first list's (the fresher) wins. */
function merge(fresher, staler) {
  const seen = new Set(fresher.map((item) => item.sequence));
  return [...fresher, ...staler.filter((item) => !seen.has(item.sequence))].sort((a, b) => b.sequence - a.sequence);
}

function historyGap(from, to, load) {
  const count = to - from + 1;
  return h('li', { className: 'gap', 'data-testid': 'history-gap' },
    h('span', { className: 'muted' }, `#${from}${count > 1 ? `–#${to}` : ''} not loaded (${count} signal${count === 1 ? '' : 's'}) `),
    h('button', { type: 'button', className: 'secondary', 'data-testid': 'history-gap-load', onclick: load }, 'Load'));
}

function historyItem(item) {
  const pending = !item.appliedAt;
  const outcome = pending ? badge('pending', 'warn') : item.accepted ? badge('applied', 'ok') : badge(item.rejection?.code ?? 'rejected', 'bad');
  const took = item.appliedAt && item.acceptedAt ? new Date(item.appliedAt) - new Date(item.acceptedAt) : null;
  return h('li', { className: item.accepted || pending ? '' : 'rejected', 'data-testid': 'history-item', 'data-sequence': item.sequence },
    h('strong', {}, `#${item.sequence} ${item.signal}`), ' ', outcome,
    h('div', { className: 'small muted' },
      `accepted ${time(item.acceptedAt)}`, took !== null ? ` · applied after ${ms(took)}` : '',
      item.version ? ` · version ${item.version}` : '', ` · key ${item.idempotencyKey}`),
    item.rejection?.detail ? h('div', { className: 'small' }, item.rejection.detail) : null,
    (item.events ?? []).map((event) => {
      const { type, ...rest } = event;
      return h('div', { className: 'small' }, h('code', {}, type), ' ', summary(rest));
    }));
}

function renderCheckouts(card, answer) {
  fill(card, h('h2', {}, 'Checkouts'),
    !answer.ok ? h('p', { className: 'muted' }, answer.status === 404 ? 'None yet.' : answer.problem.title)
      : answer.data.length === 0 ? h('p', { className: 'muted' }, 'None yet.')
        : h('ul', {}, answer.data.map((status) => h('li', {},
          h('a', { href: `#/checkouts/${encodeURIComponent(status.checkout.checkoutId)}`, 'data-testid': 'checkout-link' }, status.checkout.checkoutId),
          ' ', badge(status.checkout.outcome ?? status.checkout.step)))));
}

function signalForm(kind, path, signals, refresh) {
  const body = h('textarea', { name: 'body', spellcheck: 'false', 'data-testid': 'signal-body' });
  const pick = h('select', { name: 'signal', 'data-testid': 'signal-name', onchange: () => { body.value = example(signals, pick.value); } },
    signals.map((signal) => h('option', { value: signal.name }, signal.name)));
  body.value = example(signals, signals[0]?.name);
  const answer = h('div', { 'data-testid': 'signal-answer' });
  const form = h('form', {
    className: 'card', 'data-testid': 'signal-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const headers = {};
      if (Number(data.get('wait')) > 0) headers.Prefer = `wait=${Number(data.get('wait'))}`;
      if (data.get('key')) headers['Idempotency-Key'] = data.get('key');
      form.querySelector('button').disabled = true;
      const sent = await call('POST', `${path}/signals/${encodeURIComponent(data.get('signal'))}`, { body: data.get('body') || '{}', headers });
      form.querySelector('button').disabled = false;
      fill(answer, describeAnswer(sent));
      await refresh();
    },
  },
  h('h2', {}, 'Send a signal'),
  h('div', { className: 'row' }, field('signal', pick),
    field('wait (s)', h('input', { name: 'wait', type: 'number', min: 0, max: 30, value: '5', 'data-testid': 'signal-wait' })),
    field('Idempotency-Key (optional)', h('input', { name: 'key', 'data-testid': 'signal-key' }))),
  body,
  h('div', { className: 'row' }, h('button', { type: 'submit', 'data-testid': 'signal-send' }, `Send to ${kind}`)),
  answer);
  return form;
}

const example = (signals, name) => JSON.stringify(signals.find((signal) => signal.name === name)?.body ?? {}, null, 2);

function describeAnswer(sent) {
  if (!sent.ok) return problemBox(sent.problem);
  const data = sent.data;
  const headline = sent.status === 200
    ? `Applied: version ${data.version}, sequence ${data.sequence}${data.duplicate ? ' (a repeat: the first answer)' : ''}`
    : `Accepted, not applied yet: sequence ${data.sequence}`;
  return h('div', { className: 'answer', 'data-testid': 'answer' }, h('strong', {}, `${sent.status} ${headline}`), json(data));
}
