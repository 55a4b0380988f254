using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Http;

/// <summary>An entity as a query answers it.</summary>
/// <param name="Version">One per signal the rules accepted.</param>
/// <param name="Sequence">Sequence of the last signal handled (accepted or rejected); receipts name the one to wait for.</param>
public sealed record EntitySnapshot<TState>(string Id, string Kind, long Version, long Sequence, TState State, DateTimeOffset? LastChangedAt)
{
    public static EntitySnapshot<TState> From(EntityView<TState> view) =>
        new(view.Id, view.Kind, view.Version, view.Sequence, view.State, view.LastChangedAt);
}
