using System.Diagnostics.CodeAnalysis;

namespace EntityActors.App.ReadModel.Projections;

/// <summary>Every kind's projection, by kind.</summary>
public sealed class EntityProjections(IEnumerable<IEntityProjection> projections)
{
    private readonly Dictionary<string, IEntityProjection> byKind = projections.ToDictionary(p => p.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<IEntityProjection> All => byKind.Values;

    public IEntityProjection Get(string kind) => byKind[kind];

    public bool TryGet(string kind, [NotNullWhen(true)] out IEntityProjection? projection) => byKind.TryGetValue(kind, out projection);
}
