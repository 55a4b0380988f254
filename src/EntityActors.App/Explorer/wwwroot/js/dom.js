// A few DOM helpers: h() builds elements, the rest format what the API answers.
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className' || name === 'value' || name === 'checked' || name === 'disabled' || name === 'selected') element[name] = value;
    // Through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
    else if (name === 'style') element.style.cssText = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces the element's children, skipping the null and false that conditional parts leave. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false)
    .map((child) => (child instanceof Node ? child : String(child))));
  return element;
}

export const json = (value) => h('pre', {}, JSON.stringify(value, null, 2));

export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export const ms = (value) => (value === undefined || value === null ? '' : `${Math.round(value)} ms`);

const isMoney = (value) => Boolean(value) && typeof value === 'object' && 'amount' in value;

export function money(value) {
  return isMoney(value) ? `${value.amount} ${value.currency}` : value;
}

/** A compact "name: value" line of a summary object; other objects and arrays as JSON. */
export function summary(values) {
  return Object.entries(values ?? {}).map(([name, value]) =>
    `${name}: ${isMoney(value) ? money(value) : typeof value === 'object' && value !== null ? JSON.stringify(value) : value}`).join(' · ');
}

export function problemBox(problem) {
  return h('div', { className: 'problem', 'data-testid': 'problem', role: 'alert' },
    h('strong', {}, `${problem.status ?? ''} ${problem.title ?? 'Error'}`.trim()),
    problem.code ? [' ', h('code', { 'data-testid': 'problem-code' }, problem.code)] : null,
    problem.detail ? h('div', {}, problem.detail) : null);
}

export function badge(text, kind = '') {
  return h('span', { className: `badge ${kind}` }, text);
}

export function field(label, input) {
  return h('label', { className: 'field' }, label, input);
}
