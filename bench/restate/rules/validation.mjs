// The product's SignalValidation and TextValidation (src/EntityActors.Domain/Common), with the same limits and codes.
// Amounts are handled in cents: the product's decimals have at most two places.
import { invalid } from "./rejection.mjs";

export const MAX_QUANTITY = 10_000;
export const MAX_AMOUNT_CENTS = 1_000_000_000 * 100;
const MAX_REFERENCE_LENGTH = 128;
const MAX_TEXT_LENGTH = 200;

export function quantity(value, field = "quantity") {
  if (!Number.isInteger(value) || value <= 0) return invalid("invalid-quantity", `${field} must be positive, got ${value}.`);
  if (value > MAX_QUANTITY) return invalid("invalid-quantity", `${field} must be at most ${MAX_QUANTITY}, got ${value}.`);
  return null;
}

export function currency(value) {
  return typeof value === "string" && /^[A-Z]{3}$/.test(value)
    ? null
    : invalid("invalid-currency", `currency must be a 3-letter ISO code in capitals, got '${value ?? ""}'.`);
}

/** Checks a Money ({ amount, currency }); its cents are read with `cents` once this passed. */
export function amount(money, field = "amount") {
  if (money == null || typeof money !== "object") return invalid("invalid-amount", `${field} is required.`);
  const badCurrency = currency(money.currency);
  if (badCurrency) return badCurrency;
  const value = money.amount;
  if (typeof value !== "number" || !(value > 0)) return invalid("invalid-amount", `${field} must be positive, got ${value}.`);
  if (value > MAX_AMOUNT_CENTS / 100) return invalid("invalid-amount", `${field} must be at most ${MAX_AMOUNT_CENTS / 100}, got ${value}.`);
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return invalid("invalid-amount", `${field} has more than 2 decimal places: ${value}.`);
  return null;
}

export const cents = (money) => Math.round(money.amount * 100);

export function reference(value, field) {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_REFERENCE_LENGTH && /^[A-Za-z0-9\-_.:]+$/.test(value)
    ? null
    : invalid(`invalid-${field}`,
      `${field} must be 1-${MAX_REFERENCE_LENGTH} characters of letters, digits, '-', '_', '.' or ':', got '${String(value ?? "").slice(0, 40)}'.`);
}

export function text(value, field) {
  return typeof value !== "string" || value.trim().length === 0 || value.length > MAX_TEXT_LENGTH
    ? invalid(`invalid-${field}`, `${field} must be 1-${MAX_TEXT_LENGTH} characters and not blank, got ${typeof value === "string" ? value.length : 0} characters.`)
    : null;
}
