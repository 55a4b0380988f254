// What the explorer knows about each kind comes from the app's OpenAPI document: statuses, filters, signals and
// their example bodies.
export const kinds = [
  { kind: 'carts', label: 'Carts' },
  { kind: 'accounts', label: 'Accounts' },
  { kind: 'inventory-items', label: 'Inventory items' },
];

const paging = ['status', 'cursor', 'after', 'wait', 'limit'];
let documentRequest;

// Fetched once; a failed fetch is forgotten, so the next page shown asks again instead of failing until a reload.
function apiDocument() {
  documentRequest ??= fetch('/openapi/v1.json').then((response) => {
    if (!response.ok) throw new Error(`GET /openapi/v1.json answered ${response.status}`);
    return response.json();
  }).catch((error) => {
    documentRequest = undefined;
    throw error;
  });
  return documentRequest;
}

export const labelOf = (kind) => kinds.find((entry) => entry.kind === kind)?.label ?? kind;

export async function describe(kind) {
  const document = await apiDocument();
  const list = document.paths[`/${kind}`]?.get;
  const signal = document.paths[`/${kind}/{id}/signals/{signal}`]?.post;
  const parameters = list?.parameters ?? [];
  return {
    statuses: parameters.find((parameter) => parameter.name === 'status')?.schema?.items?.enum ?? [],
    // Only the query: the list also documents the Prefer header, which is no filter.
    filters: parameters.filter((parameter) => parameter.in === 'query' && !paging.includes(parameter.name)),
    signals: Object.entries(signal?.requestBody?.content?.['application/json']?.examples ?? {})
      .map(([name, example]) => ({ name, body: example.value ?? {} })),
  };
}
