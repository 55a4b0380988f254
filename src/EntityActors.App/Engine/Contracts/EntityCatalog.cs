using System.Diagnostics.CodeAnalysis;

namespace EntityActors.App.Engine.Contracts;

/// <summary>Every entity kind the host serves, by kind name.</summary>
public sealed class EntityCatalog(IEnumerable<EntityDescriptor> descriptors)
{
    private readonly Dictionary<string, EntityDescriptor> byKind = descriptors.ToDictionary(d => d.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => byKind.Keys;

    public EntityDescriptor Get(string kind) => byKind[kind];

    public bool TryGet(string kind, [NotNullWhen(true)] out EntityDescriptor? descriptor) => byKind.TryGetValue(kind, out descriptor);
}
