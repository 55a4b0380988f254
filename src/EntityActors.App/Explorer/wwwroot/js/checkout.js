// One checkout (the saga): its steps with timings, its compensations, the approval buttons, and the operator's
// resolution of a checkout that needs attention.
import { call, get } from './api.js';
import { badge, field, fill, h, money, ms, problemBox, time } from './dom.js';

const refreshEvery = 1500;

export async function renderCheckout(view, checkoutId) {
  const path = `/checkouts/${encodeURIComponent(checkoutId)}`;
  const summaryCard = h('section', { className: 'card', 'data-testid': 'checkout-summary' }, h('p', { className: 'muted' }, 'Loading…'));
  const steps = h('section', { className: 'card', 'data-testid': 'checkout-steps' });
  const compensations = h('section', { className: 'card', 'data-testid': 'checkout-compensations' });
  const answer = h('div', { 'data-testid': 'decision-answer' });
  const decision = decisionForm(path, answer, () => refresh());
  const resolution = resolutionForm(path, () => refresh());
  let finished = false; // nothing more can change: the refresh stops
  const decide = (allowed) => decision.querySelectorAll('button').forEach((button) => { button.disabled = !allowed; });

  async function refresh() {
    const status = await get(path);
    if (!status.ok) {
      fill(summaryCard, problemBox(status.problem));
      // No such checkout (404) or no such id (400) will not appear by waiting; other failures may pass.
      if (status.status === 404 || status.status === 400) {
        finished = true;
        decide(false);
      }
      return;
    }

    const checkout = status.data.checkout;
    const ended = checkout.outcome !== null && checkout.outcome !== undefined;
    // One that needs attention still waits for its resolution, which an operator may send from elsewhere.
    finished = ended && (checkout.outcome !== 'needs-attention' || Boolean(status.data.resolution));
    renderSummary(summaryCard, status.data);
    renderSteps(steps, checkout);
    renderCompensations(compensations, checkout.compensations);
    decide(!ended);
    resolution.hidden = checkout.outcome !== 'needs-attention' || Boolean(status.data.resolution);
  }

  fill(view,
    h('div', { className: 'crumbs' }, h('a', { href: '#/carts' }, 'Carts'), ' / checkout'),
    h('h1', { 'data-testid': 'checkout-title' }, `Checkout · ${checkoutId}`),
    h('div', { className: 'grid' }, h('div', {}, summaryCard, decision, resolution), h('div', {}, steps, compensations)));
  await refresh();
  const timer = setInterval(() => !finished && document.visibilityState === 'visible' && refresh(), refreshEvery);
  return () => clearInterval(timer);
}

function renderSummary(card, status) {
  const checkout = status.checkout;
  const outcome = checkout.outcome
    ? badge(checkout.outcome, checkout.outcome === 'completed' ? 'ok' : 'bad')
    : badge(checkout.step, 'warn');
  fill(card,
    h('h2', {}, 'Checkout'),
    h('dl', { className: 'facts' },
      h('dt', {}, 'outcome'), h('dd', { 'data-testid': 'checkout-outcome' }, outcome),
      h('dt', {}, 'step'), h('dd', { 'data-testid': 'checkout-step' }, checkout.step),
      h('dt', {}, 'cart'), h('dd', {}, h('a', { href: `#/carts/${encodeURIComponent(checkout.cartId)}` }, checkout.cartId)),
      h('dt', {}, 'account'), h('dd', {}, h('a', { href: `#/accounts/${encodeURIComponent(checkout.accountId)}` }, checkout.accountId)),
      h('dt', {}, 'total'), h('dd', {}, `${money(checkout.total)} (${checkout.lines} line${checkout.lines === 1 ? '' : 's'})`),
      h('dt', {}, 'started'), h('dd', {}, time(checkout.startedAt)),
      h('dt', {}, 'finished'), h('dd', {}, time(checkout.finishedAt) || '—'),
      h('dt', {}, 'workflow'), h('dd', {}, status.runtimeStatus)),
    checkout.reason ? h('p', { 'data-testid': 'checkout-reason' }, checkout.reason) : null,
    status.resolution ? h('p', { 'data-testid': 'checkout-resolution' },
      h('strong', {}, 'Resolved: '), `cart ${status.resolution.cart}, by ${status.resolution.by} at ${time(status.resolution.at)}`,
      status.resolution.comment ? ` — ${status.resolution.comment}` : '') : null);
}

function renderSteps(card, checkout) {
  const longest = Math.max(1, ...checkout.steps.map((step) => step.milliseconds ?? 0));
  fill(card, h('h2', {}, 'Steps'),
    h('table', { className: 'steps' },
      h('thead', {}, h('tr', {}, ['step', 'started', 'took', ''].map((name) => h('th', {}, name)))),
      h('tbody', {}, checkout.steps.map((step) => h('tr', { 'data-testid': 'checkout-step-row', 'data-step': step.step },
        h('td', {}, step.step),
        h('td', { className: 'small' }, time(step.startedAt)),
        h('td', {}, step.finishedAt ? ms(step.milliseconds) : badge('running', 'warn')),
        h('td', {}, h('div', { className: 'bar-track' },
          h('div', { className: 'bar-fill', style: `width:${Math.round(100 * (step.milliseconds ?? 0) / longest)}%` }))))))));
}

function renderCompensations(card, runs) {
  fill(card, h('h2', {}, 'Compensations'),
    runs.length === 0 ? h('p', { className: 'muted' }, 'None ran.')
      : h('table', {},
        h('thead', {}, h('tr', {}, ['signal', 'entity', 'result'].map((name) => h('th', {}, name)))),
        h('tbody', {}, runs.map((run) => h('tr', { 'data-testid': 'compensation-row' },
          h('td', {}, run.signal),
          h('td', {}, h('a', { href: `#/${run.kind}/${encodeURIComponent(run.entityId)}` }, `${run.kind}/${run.entityId}`)),
          h('td', {}, run.result))))));
}

function decisionForm(path, answer, refresh) {
  return operatorForm({
    testId: 'decision-form', title: 'Approval', inputs: 'decision', answer, refresh,
    actions: [
      { testId: 'approve', label: 'Approve', path: `${path}/approve`, said: (sent) => `${sent.status} Approved: the saga goes on.` },
      { testId: 'deny', label: 'Deny', danger: true, path: `${path}/deny`, said: (sent) => `${sent.status} Denied: the saga compensates (releases the payment hold and the stock reservation), the checkout fails and the cart is open again.` },
    ],
  });
}

// A checkout that ended as needs-attention left its cart checking out: once the money and stock are reconciled by
// hand, the operator tells the cart what became of it.
function resolutionForm(path, refresh) {
  const resolved = (sent) => `${sent.status} Resolved: the cart is ${sent.data.cart}${sent.data.duplicate ? ' (as before)' : ''}.`;
  return operatorForm({
    testId: 'resolution-form', title: 'Resolution', inputs: 'resolution', hidden: true, refresh,
    intro: 'Reconcile the account and the stock first; then say what the cart becomes.',
    answer: h('div', { 'data-testid': 'resolution-answer' }),
    actions: [
      { testId: 'resolve-checked-out', label: 'Order stands: cart checked out', path: `${path}/resolve`, body: { cart: 'checked-out' }, said: resolved },
      { testId: 'resolve-open', label: 'No order: cart open again', danger: true, path: `${path}/resolve`, body: { cart: 'open' }, said: resolved },
    ],
  });
}

// An operator's form: who and why, and a button per answer; each posts its body with `by` and `comment`.
function operatorForm({ testId, title, intro, inputs, hidden, answer, actions, refresh }) {
  const form = h('form', { className: 'card', 'data-testid': testId, hidden, onsubmit: (event) => event.preventDefault() },
    h('h2', {}, title),
    intro ? h('p', { className: 'muted' }, intro) : null,
    h('div', { className: 'row' },
      field('by', h('input', { name: 'by', value: 'explorer', 'data-testid': `${inputs}-by` })),
      field('comment', h('input', { name: 'comment', 'data-testid': `${inputs}-comment` }))),
    h('div', { className: 'row' }, actions.map((action) =>
      h('button', { type: 'button', className: action.danger ? 'danger' : undefined, 'data-testid': action.testId, onclick: () => send(action) }, action.label))),
    answer);

  async function send(action) {
    const data = new FormData(form);
    const sent = await call('POST', action.path, { body: { ...action.body, by: data.get('by') || 'explorer', comment: data.get('comment') || null } });
    fill(answer, sent.ok
      ? h('div', { className: 'answer', 'data-testid': 'answer' }, h('strong', {}, action.said(sent)))
      : problemBox(sent.problem));
    await refresh();
  }

  return form;
}
