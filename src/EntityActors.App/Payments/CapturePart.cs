using EntityActors.Domain.Common;

namespace EntityActors.App.Payments;

/// <summary>One part of a payment captured at the gateway (a checkout captures line by line); the key makes it idempotent.</summary>
public sealed record CapturePart(int Part, string Key, string AccountId, Money Amount);
