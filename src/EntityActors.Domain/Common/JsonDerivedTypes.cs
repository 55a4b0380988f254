using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace EntityActors.Domain.Common;

/// <summary>
/// Reads a polymorphic base type's <see cref="JsonDerivedTypeAttribute"/> list, so the discriminator names
/// exist in exactly one place: the attributes that System.Text.Json already uses.
/// </summary>
public static class JsonDerivedTypes
{
    /// <summary>Discriminator name → derived type, for every <see cref="JsonDerivedTypeAttribute"/> on <typeparamref name="TBase"/>.</summary>
    /// <exception cref="InvalidOperationException">A discriminator is missing or not a string.</exception>
    public static IReadOnlyDictionary<string, Type> ByDiscriminator<TBase>() =>
        typeof(TBase)
            .GetCustomAttributes<JsonDerivedTypeAttribute>(inherit: false)
            .ToFrozenDictionary(
                attribute => attribute.TypeDiscriminator as string
                    ?? throw new InvalidOperationException($"{attribute.DerivedType.Name} needs a string discriminator on {typeof(TBase).Name}."),
                attribute => attribute.DerivedType,
                StringComparer.Ordinal);
}
