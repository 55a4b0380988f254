using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntityActors.Domain.Common;

/// <summary>
/// Writes enum members as kebab-case strings (<c>checking-out</c>), matching the discriminators and rejection codes.
/// Stored state stays readable and survives reordering of enum members, which numbers would not.
/// </summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
