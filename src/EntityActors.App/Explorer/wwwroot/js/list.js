// A kind's entities from the read model (GET /{kind}): filters from the OpenAPI document, pages by cursor.
import { get, query } from './api.js';
import { describe, labelOf } from './catalog.js';
import { badge, field, fill, h, problemBox, summary, time } from './dom.js';

// Asked for when the query names none, so the page size the field shows is the one the list has.
const defaultPageSize = '20';

const inputType = (parameter) =>
  parameter.schema?.format === 'date-time' ? 'datetime-local' : ['integer', 'number'].includes(parameter.schema?.type) ? 'number' : 'text';

// datetime-local has no zone: the instant the user meant is in their own zone, sent as ISO-8601 UTC, shown back local.
const toQueryValue = (parameter, value) =>
  inputType(parameter) === 'datetime-local' && value ? new Date(value).toISOString() : value;

function toInputValue(parameter, value) {
  if (!value || inputType(parameter) !== 'datetime-local') return value ?? '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
}

export async function renderList(view, kind, params) {
  const meta = await describe(kind);
  const asked = { ...Object.fromEntries(params), limit: params.get('limit') ?? defaultPageSize };
  // A status the form has no option for (several, comma-separated, as the API accepts) is offered as it is, not dropped.
  const status = params.get('status') ?? '';
  const statuses = status && !meta.statuses.includes(status) ? [...meta.statuses, status] : meta.statuses;
  const filters = h('form', { className: 'filters', 'data-testid': 'filters', onsubmit: (event) => apply(event, kind, meta, params) },
    field('status', h('select', { name: 'status', 'data-testid': 'filter-status' },
      h('option', { value: '' }, 'any'),
      statuses.map((option) => h('option', { value: option, selected: status === option }, option)))),
    meta.filters.map((parameter) => field(parameter.name, h('input', {
      name: parameter.name, type: inputType(parameter), step: 'any', title: parameter.description ?? '',
      'data-testid': `filter-${parameter.name}`,
      value: toInputValue(parameter, params.get(parameter.name)),
    }))),
    field('page size', h('input', { name: 'limit', type: 'number', min: 1, value: asked.limit, 'data-testid': 'filter-limit' })),
    h('button', { type: 'submit', 'data-testid': 'filter-apply' }, 'Filter'),
    h('span', { className: 'row' },
      h('input', { name: 'open-id', placeholder: 'id', 'aria-label': 'entity id', 'data-testid': 'open-id' }),
      h('button', { type: 'button', className: 'secondary', 'data-testid': 'open-button', onclick: (event) => openById(event, kind) }, 'Open')));

  // Held before the request: the page may have been left (and the view refilled) by the time the answer comes.
  const result = h('div', { 'data-testid': 'list-result' }, h('p', { className: 'muted' }, 'Loading…'));
  fill(view, h('h1', {}, labelOf(kind)), filters, result);
  const answer = await get(`/${kind}${query(asked)}`);
  if (!answer.ok) {
    fill(result, problemBox(answer.problem));
    return;
  }

  const page = answer.data;
  fill(result,
    page.items.length === 0 ? h('p', { className: 'muted', 'data-testid': 'list-empty' }, 'No entity matches.') : table(kind, page.items),
    h('div', { className: 'row' },
      h('span', { className: 'muted small' }, `${page.items.length} shown · read model position ${page.position}`),
      page.nextCursor ? h('a', { href: `#/${kind}${query({ ...asked, cursor: page.nextCursor })}`, 'data-testid': 'next-page' }, 'Next page →') : null));
}

function table(kind, items) {
  return h('table', { 'data-testid': 'entity-table' },
    h('thead', {}, h('tr', {}, ['id', 'status', 'version', 'sequence', 'last change', 'summary'].map((name) => h('th', {}, name)))),
    h('tbody', {}, items.map((item) => h('tr', { 'data-testid': 'entity-row', 'data-id': item.id },
      h('td', {}, h('a', { href: `#/${kind}/${encodeURIComponent(item.id)}` }, item.id)),
      h('td', {}, badge(item.status)),
      h('td', {}, item.version),
      h('td', {}, item.sequence),
      h('td', {}, time(item.lastChangedAt)),
      h('td', { className: 'small' }, summary(item.summary))))));
}

// Filtering starts again at the first page and keeps what the form has no field for (after, wait). A field left as it
// was shown sends the query's own value back, so seconds, fractions and zones it cannot show are not lost.
function apply(event, kind, meta, shown) {
  event.preventDefault();
  const form = new FormData(event.target);
  const params = { ...Object.fromEntries(shown), cursor: undefined, status: form.get('status'), limit: form.get('limit') };
  for (const parameter of meta.filters) {
    const original = shown.get(parameter.name);
    const value = toQueryValue(parameter, form.get(parameter.name));
    params[parameter.name] = original !== null && value === toQueryValue(parameter, toInputValue(parameter, original)) ? original : value;
  }
  location.hash = `#/${kind}${query(params)}`;
}

function openById(event, kind) {
  const id = event.target.form.elements['open-id'].value.trim();
  if (id) location.hash = `#/${kind}/${encodeURIComponent(id)}`;
}
