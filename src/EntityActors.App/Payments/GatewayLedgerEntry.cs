using EntityActors.Domain.Common;

namespace EntityActors.App.Payments;

/// <summary>
/// What the simulated gateway remembers of one capture key: how often it was asked, how often it really captured
/// (at most once), whether it was voided. Stored, so the counts survive the app: the proof that nothing was charged twice.
/// </summary>
public sealed record GatewayLedgerEntry(string Key, Money? Amount, int Requests, int Executions, bool Voided, DateTimeOffset? CapturedAt);
