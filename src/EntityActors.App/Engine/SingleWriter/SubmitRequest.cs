using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>One call to an entity actor: the signals that queued up for it meanwhile, in arrival order.</summary>
public sealed record SubmitRequest(IReadOnlyList<SignalSubmission> Signals);
