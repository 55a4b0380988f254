using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>One receipt per submitted signal, in the order submitted.</summary>
public sealed record SubmitResponse(IReadOnlyList<SignalReceipt> Receipts);
