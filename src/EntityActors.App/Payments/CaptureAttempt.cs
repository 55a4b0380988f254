namespace EntityActors.App.Payments;

/// <summary>One attempt at capturing a payment: where it began and, once over, what ended it.</summary>
public sealed record CaptureAttempt(int Attempt, int FromPart, string? EndedBy = null);
