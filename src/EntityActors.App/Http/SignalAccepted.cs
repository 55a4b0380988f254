using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Http;

/// <summary>
/// The 202 answer: the signal is stored and queued for its entity. <see cref="Sequence"/> is the entity's
/// sequence once it is applied; <see cref="Status"/> is where to read it (with <c>minSequence</c> and <c>wait</c>).
/// </summary>
public sealed record SignalAccepted(
    string SignalId,
    string Kind,
    string EntityId,
    string Signal,
    string IdempotencyKey,
    long Sequence,
    DateTimeOffset AcceptedAt,
    bool Duplicate,
    string Status)
{
    public static SignalAccepted From(SignalReceipt receipt) =>
        new(receipt.SignalId, receipt.Kind, receipt.EntityId, receipt.Name, receipt.IdempotencyKey, receipt.Sequence,
            receipt.AcceptedAt, receipt.Duplicate, $"/{receipt.Kind}/{receipt.EntityId}?minSequence={receipt.Sequence}&wait=5");
}
