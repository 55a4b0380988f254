// The product's InventoryItem (src/EntityActors.Domain/Inventory/InventoryItem.cs): stock of one sku, restocked,
// reserved for checkouts, then committed (shipped) or released; the same rules and rejection codes.
import { accept, conflict, reject, unprocessable, invalid } from "./rejection.mjs";
import * as validate from "./validation.mjs";

export const MAX_ON_HAND = 1_000_000;

export const initial = () => ({ onHand: 0, reservations: {} });

const reserved = (state) => Object.values(state.reservations).reduce((sum, units) => sum + units, 0);
const availableUnits = (state) => state.onHand - reserved(state);

export const signals = {
  restock: (s) => validate.quantity(s.quantity),
  reserve: (s) => validate.reference(s.reservationId, "reservation-id") ?? validate.quantity(s.quantity),
  release: (s) => validate.reference(s.reservationId, "reservation-id"),
  commit: (s) => validate.reference(s.reservationId, "reservation-id"),
  adjust: (s) =>
    !Number.isInteger(s.delta) || s.delta === 0 || Math.abs(s.delta) > validate.MAX_QUANTITY
      ? invalid("invalid-delta", `delta must be non-zero and at most ${validate.MAX_QUANTITY} either way, got ${s.delta}.`)
      : validate.text(s.reason, "reason"),
};

const stockLimit = (state, change) => unprocessable("stock-limit", `On hand ${state.onHand} plus ${change} would exceed ${MAX_ON_HAND}.`);
const reservationNotFound = (id) => unprocessable("reservation-not-found", `There is no reservation ${id}.`);

export function decide(state, type, s) {
  switch (type) {
    case "restock":
      return state.onHand + s.quantity > MAX_ON_HAND ? reject(stockLimit(state, s.quantity)) : accept({ type: "restocked", quantity: s.quantity });
    case "reserve":
      if (Object.hasOwn(state.reservations, s.reservationId)) {
        return reject(conflict("reservation-exists", `Reservation ${s.reservationId} already exists.`));
      }
      if (s.quantity > availableUnits(state)) {
        return reject(unprocessable("out-of-stock", `Available ${availableUnits(state)}, requested ${s.quantity}.`));
      }
      return accept({ type: "reserved", reservationId: s.reservationId, quantity: s.quantity });
    case "release":
      return Object.hasOwn(state.reservations, s.reservationId)
        ? accept({ type: "released", reservationId: s.reservationId })
        : reject(reservationNotFound(s.reservationId));
    case "commit":
      return Object.hasOwn(state.reservations, s.reservationId)
        ? accept({ type: "committed", reservationId: s.reservationId })
        : reject(reservationNotFound(s.reservationId));
    case "adjust":
      if (state.onHand + s.delta < reserved(state)) {
        return reject(unprocessable("would-go-negative",
          `On hand ${state.onHand} with ${reserved(state)} reserved cannot take an adjustment of ${s.delta}.`));
      }
      return state.onHand + s.delta > MAX_ON_HAND ? reject(stockLimit(state, s.delta)) : accept({ type: "adjusted", delta: s.delta });
    default:
      throw new RangeError(`Unknown inventory item signal ${type}.`);
  }
}

export function apply(state, event) {
  switch (event.type) {
    case "restocked":
      return { ...state, onHand: state.onHand + event.quantity };
    case "reserved":
      return { ...state, reservations: { ...state.reservations, [event.reservationId]: event.quantity } };
    case "released": {
      const { [event.reservationId]: _, ...reservations } = state.reservations;
      return { ...state, reservations };
    }
    case "committed": {
      const { [event.reservationId]: units, ...reservations } = state.reservations;
      return { ...state, onHand: state.onHand - units, reservations };
    }
    case "adjusted":
      return { ...state, onHand: state.onHand + event.delta };
    default:
      throw new RangeError(`Unknown inventory item event ${event.type}.`);
  }
}

export const view = (state) => ({ ...state, reserved: reserved(state), available: availableUnits(state) });
