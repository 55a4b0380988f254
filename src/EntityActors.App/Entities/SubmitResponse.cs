namespace EntityActors.App.Entities;

/// <summary>One receipt per submitted signal, in the order submitted.</summary>
public sealed record SubmitResponse(IReadOnlyList<SignalReceipt> Receipts);
