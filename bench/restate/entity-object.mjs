// One Restate virtual object per entity kind, over the same decide/apply rules as the product's domain. Each signal is
// an exclusive handler (one at a time per key, queued in order), so the object is the entity's single writer; `get`
// is a shared handler that reads the state while signals run. The state is one durable value, as the product's
// snapshot shows it: version = signals accepted, sequence = signals handled (accepted or refused).
import * as restate from "@restatedev/restate-sdk";

const STATE = "entity";

const snapshot = (key, kind, rules, current) => ({
  id: key,
  kind,
  version: current.version,
  sequence: current.sequence,
  state: rules.view(current.state),
});

function signalHandler(kind, rules, type, check) {
  return async (ctx, input) => {
    const signal = input ?? {};
    const invalid = check(signal);
    if (invalid) {
      // Bad input changes nothing and is final (never retried), as the product's 400.
      throw new restate.TerminalError(`${invalid.code}: ${invalid.reason}`, { errorCode: 400 });
    }

    const current = (await ctx.get(STATE)) ?? { version: 0, sequence: 0, state: rules.initial() };
    const decision = rules.decide(current.state, type, signal);
    const next = decision.event
      ? { version: current.version + 1, sequence: current.sequence + 1, state: rules.apply(current.state, decision.event) }
      : { ...current, sequence: current.sequence + 1 };
    ctx.set(STATE, next);

    // A refusal by a business rule is an answer like any other, not an error: nothing to retry.
    return {
      signal: type,
      outcome: decision.event ? "accepted" : "rejected",
      sequence: next.sequence,
      version: next.version,
      ...(decision.rejection ? { rejection: decision.rejection } : {}),
      entity: snapshot(ctx.key, kind, rules, next),
    };
  };
}

export function entityObject(kind, rules) {
  const handlers = Object.fromEntries(Object.entries(rules.signals).map(([type, check]) => [type, signalHandler(kind, rules, type, check)]));
  handlers.get = restate.handlers.object.shared(async (ctx) => {
    const current = await ctx.get(STATE);
    return current ? snapshot(ctx.key, kind, rules, current) : null;
  });
  return restate.object({ name: kind, handlers });
}
