// Why an entity refused a signal, as the product's EntityActors.Domain.Common.Rejection: a value, not an exception.
// `invalid` is bad input (the product answers 400 and changes nothing); `conflict` and `unprocessable` are business
// rules (409 / 422 there), answered here as a normal result.
export const invalid = (code, reason) => ({ code, reason, kind: "invalid" });
export const conflict = (code, reason) => ({ code, reason, kind: "conflict" });
export const unprocessable = (code, reason) => ({ code, reason, kind: "unprocessable" });

export const accept = (event) => ({ event });
export const reject = (rejection) => ({ rejection });
