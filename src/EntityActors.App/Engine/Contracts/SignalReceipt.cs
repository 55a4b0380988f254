using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Contracts;

/// <summary>The entity's answer to a signal: stored in its place in the entity's stream, and decided.</summary>
/// <param name="Sequence">Its place in the entity's stream; the entity's <c>sequence</c> is at least this once it is answered.</param>
/// <param name="Duplicate">The idempotency key was seen before: this is the original receipt, nothing new was stored.</param>
/// <param name="KeyReused">The key was first used for a different signal or payload: refused.</param>
/// <param name="Outcome">What the entity's rules made of it; null only for a duplicate whose outcome is no longer known.</param>
public sealed record SignalReceipt(
    string SignalId,
    string Kind,
    string EntityId,
    string IdempotencyKey,
    string Name,
    long Sequence,
    DateTimeOffset AcceptedAt,
    bool Duplicate,
    bool KeyReused,
    SignalOutcome? Outcome = null)
{
    /// <summary>The rejection code of a <see cref="SignalSubmission.MustExist"/> signal whose entity does not exist.</summary>
    public const string EntityNotFoundCode = "entity-not-found";

    /// <summary>The answer to a signal that had to find its entity and did not: rejected, at no place in its stream.</summary>
    public static SignalReceipt EntityNotFound(EntityAddress address, string idempotencyKey, string name, DateTimeOffset at)
    {
        var rejection = Rejection.Conflict(EntityNotFoundCode, $"No {address.Kind} with id '{address.Id}' exists when its writer takes the signal.");
        var outcome = new SignalOutcome(0, string.Empty, name, idempotencyKey, Accepted: false, Version: 0, rejection, at);
        return new SignalReceipt(string.Empty, address.Kind, address.Id, idempotencyKey, name, 0, at, Duplicate: false, KeyReused: false, outcome);
    }
}
