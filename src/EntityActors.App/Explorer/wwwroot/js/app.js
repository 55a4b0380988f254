// The explorer's shell: the API key field, the kind links and a hash router (#/kind, #/kind/id, #/checkouts/id).
import { apiKey } from './api.js';
import { kinds } from './catalog.js';
import { fill, h, problemBox } from './dom.js';
import { renderCheckout } from './checkout.js';
import { renderEntity } from './entity.js';
import { renderList } from './list.js';

const view = document.getElementById('view');
let leave = null;
let shown = 0;

function route(page) {
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  document.querySelectorAll('#kinds a').forEach((link) => link.classList.toggle('current', link.dataset.kind === parts[0]));
  if (parts[0] === 'checkouts' && parts[1]) return renderCheckout(page, parts[1]);
  if (parts.length >= 2 && kinds.some((entry) => entry.kind === parts[0])) return renderEntity(page, parts[0], parts[1]);
  return renderList(page, kinds.some((entry) => entry.kind === parts[0]) ? parts[0] : kinds[0].kind, params);
}

async function show() {
  leave?.();
  leave = null;
  const mine = ++shown;
  // Each page renders into an element of its own: one left while it still loads fills a detached element, never the
  // page shown since.
  const page = h('div', { className: 'page' });
  fill(view, page);
  try {
    const cleanup = await route(page);
    // A page left before it finished loading stops its refresh at once.
    if (mine === shown) leave = cleanup ?? null;
    else cleanup?.();
  } catch (error) {
    fill(page, problemBox({ title: 'The explorer could not show this page.', detail: String(error) }));
  }
}

document.getElementById('kinds').append(...kinds.map((entry) => h('a', { href: `#/${entry.kind}`, 'data-kind': entry.kind }, entry.label)));
const keyInput = document.getElementById('api-key');
keyInput.value = apiKey.get();
document.getElementById('api-key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey.set(keyInput.value.trim());
  show();
});
window.addEventListener('hashchange', show);
show();
