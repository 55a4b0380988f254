// Calls the app's own API, with the X-Api-Key kept for this browser tab only (sessionStorage).
const keyName = 'entityactors.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(keyName) ?? '',
  set: (value) => (value ? sessionStorage.setItem(keyName, value) : sessionStorage.removeItem(keyName)),
};

/** Answers { ok, status, data, problem }: problem is the RFC 9457 body of an error (or one made up for a network failure). */
export async function call(method, path, { body, headers = {} } = {}) {
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  if (apiKey.get()) sent['X-Api-Key'] = apiKey.get();
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  } catch (error) {
    return { ok: false, status: 0, data: null, problem: { title: 'The app did not answer.', detail: String(error) } };
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  const problem = response.ok ? null : type.includes('problem+json') && data ? data : { status: response.status, title: response.statusText };
  return { ok: response.ok, status: response.status, data, problem };
}

export const get = (path) => call('GET', path);

export const query = (params) => {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  return search.size ? `?${search}` : '';
};
