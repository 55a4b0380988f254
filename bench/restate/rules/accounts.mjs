// The product's Account (src/EntityActors.Domain/Accounts/Account.cs): the same signals, rules, order of checks and
// rejection codes. A single-currency account whose balance never goes negative; money can be deposited, withdrawn, or
// held and later captured or released. Amounts are kept in cents.
import { accept, conflict, reject, unprocessable } from "./rejection.mjs";
import * as validate from "./validation.mjs";

export const initial = () => ({ status: "unopened", owner: null, currency: null, balance: 0, holds: {} });

const held = (state) => Object.values(state.holds).reduce((sum, cents) => sum + cents, 0);
const available = (state) => state.balance - held(state);
const money = (cents, currency) => `${(cents / 100).toFixed(2)} ${currency ?? ""}`;
// As the product's messages print its AccountStatus enum.
const statusName = (status) => status[0].toUpperCase() + status.slice(1);

/** Signal name → shape check (the product's `Validate()`), returning a rejection of kind `invalid` or null. */
export const signals = {
  open: (s) => validate.text(s.owner, "owner") ?? validate.currency(s.currency),
  deposit: (s) => validate.amount(s.amount),
  withdraw: (s) => validate.amount(s.amount),
  placeHold: (s) => validate.reference(s.holdId, "hold-id") ?? validate.amount(s.amount),
  releaseHold: (s) => validate.reference(s.holdId, "hold-id"),
  captureHold: (s) => validate.reference(s.holdId, "hold-id"),
  close: () => null,
};

const currencyMismatch = (state, amount) =>
  amount.currency === state.currency ? null : unprocessable("currency-mismatch", `The account holds ${state.currency}, not ${amount.currency}.`);

const insufficientFunds = (state, amount) =>
  unprocessable("insufficient-funds", `Available ${money(available(state), state.currency)}, requested ${money(validate.cents(amount), amount.currency)}.`);

const holdNotFound = (holdId) => unprocessable("hold-not-found", `There is no hold ${holdId}.`);

/** Decides a valid signal against the state: `{ event }` or `{ rejection }`. */
export function decide(state, type, s) {
  if (type === "open") {
    return state.status === "unopened"
      ? accept({ type: "opened", owner: s.owner, currency: s.currency })
      : reject(conflict("account-already-open", `The account is already ${statusName(state.status)}.`));
  }

  if (state.status !== "open") {
    return reject(conflict("account-not-open", `The account is ${statusName(state.status)}; only an open account accepts this.`));
  }

  switch (type) {
    case "deposit": {
      const mismatch = currencyMismatch(state, s.amount);
      if (mismatch) return reject(mismatch);
      if (state.balance + validate.cents(s.amount) > validate.MAX_AMOUNT_CENTS) {
        return reject(unprocessable("balance-limit",
          `Depositing ${money(validate.cents(s.amount), s.amount.currency)} would take the balance over ${money(validate.MAX_AMOUNT_CENTS, state.currency)}.`));
      }
      return accept({ type: "deposited", cents: validate.cents(s.amount) });
    }
    case "withdraw": {
      const mismatch = currencyMismatch(state, s.amount);
      if (mismatch) return reject(mismatch);
      if (validate.cents(s.amount) > available(state)) return reject(insufficientFunds(state, s.amount));
      return accept({ type: "withdrawn", cents: validate.cents(s.amount) });
    }
    case "placeHold": {
      const mismatch = currencyMismatch(state, s.amount);
      if (mismatch) return reject(mismatch);
      if (Object.hasOwn(state.holds, s.holdId)) return reject(conflict("hold-exists", `Hold ${s.holdId} already exists.`));
      if (validate.cents(s.amount) > available(state)) return reject(insufficientFunds(state, s.amount));
      return accept({ type: "holdPlaced", holdId: s.holdId, cents: validate.cents(s.amount) });
    }
    case "releaseHold":
      return Object.hasOwn(state.holds, s.holdId) ? accept({ type: "holdReleased", holdId: s.holdId }) : reject(holdNotFound(s.holdId));
    case "captureHold":
      return Object.hasOwn(state.holds, s.holdId) ? accept({ type: "holdCaptured", holdId: s.holdId }) : reject(holdNotFound(s.holdId));
    case "close": {
      const holds = Object.keys(state.holds).length;
      if (holds > 0) {
        return reject(unprocessable("holds-outstanding",
          `${holds} hold(s) totalling ${money(held(state), state.currency)} must be captured or released first.`));
      }
      if (state.balance !== 0) {
        return reject(unprocessable("balance-not-zero", `The balance is ${money(state.balance, state.currency)}; only an empty account can close.`));
      }
      return accept({ type: "closed" });
    }
    default:
      throw new RangeError(`Unknown account signal ${type}.`);
  }
}

export function apply(state, event) {
  switch (event.type) {
    case "opened":
      return { ...state, status: "open", owner: event.owner, currency: event.currency };
    case "deposited":
      return { ...state, balance: state.balance + event.cents };
    case "withdrawn":
      return { ...state, balance: state.balance - event.cents };
    case "holdPlaced":
      return { ...state, holds: { ...state.holds, [event.holdId]: event.cents } };
    case "holdReleased": {
      const { [event.holdId]: _, ...holds } = state.holds;
      return { ...state, holds };
    }
    case "holdCaptured": {
      const { [event.holdId]: captured, ...holds } = state.holds;
      return { ...state, balance: state.balance - captured, holds };
    }
    case "closed":
      return { ...state, status: "closed" };
    default:
      throw new RangeError(`Unknown account event ${event.type}.`);
  }
}

/** The state as the product's query shows it: amounts in currency units. */
export const view = (state) => ({
  status: state.status,
  owner: state.owner,
  currency: state.currency,
  balance: state.balance / 100,
  holds: Object.fromEntries(Object.entries(state.holds).map(([id, cents]) => [id, cents / 100])),
  held: held(state) / 100,
  available: available(state) / 100,
});
