using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Engine.Relay;

/// <summary>Input of <see cref="RecordOutcomesActivity"/>: what one workflow turn applied.</summary>
public sealed record OutcomeBatch(string Kind, string Id, IReadOnlyList<AppliedSignal> Applied);
