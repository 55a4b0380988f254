using System.Linq;
using Microsoft.CodeAnalysis;

namespace EntityActors.Analyzers;

/// <summary>Static storage that can change after start-up: shared by every workflow in the process and never replayed.</summary>
internal static class StaticState
{
    public static bool IsMutableStaticField(IFieldSymbol field) => field is { IsStatic: true, IsReadOnly: false, IsConst: false };

    /// <summary>
    /// A static auto-property with a setter is a mutable static field under another name. Only auto-properties of this
    /// compilation are known to be that: a computed static property (or one from another assembly) may be a pure function.
    /// </summary>
    public static bool IsMutableStaticProperty(IPropertySymbol property) =>
        property is { IsStatic: true, IsIndexer: false, SetMethod.IsInitOnly: false }
        && property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(field => SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property));
}
