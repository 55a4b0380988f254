using System.Text.RegularExpressions;

namespace EntityActors.LocalRuntime;

/// <summary>
/// Finds the SQLite file of the entity store component in a resources folder, so the app can write it itself
/// (<c>EntityActors:EntityStore:SqlitePath</c>): only for a <c>state.sqlite</c> component whose connection string is a
/// plain path, resolved against the sidecar's working directory. Any other store goes through the sidecar.
/// </summary>
internal static partial class EntityStoreFile
{
    public const string DefaultComponent = "entitystore";

    /// <summary>The full path of <paramref name="component"/>'s SQLite file, or null where it is no such component.</summary>
    public static string? Find(string resourcesPath, string component, string sidecarDirectory)
    {
        if (ComponentText(resourcesPath, component) is not { } text
            || Type().Match(text) is not { Success: true } type || type.Groups["type"].Value != "state.sqlite"
            || ConnectionString().Match(text) is not { Success: true } connection)
        {
            return null;
        }

        var path = connection.Groups["value"].Value.Trim();
        return path.Length == 0 || path.StartsWith("file:", StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) || path == ":memory:"
            ? null
            : Path.GetFullPath(path, sidecarDirectory);
    }

    /// <summary>
    /// The state table of <paramref name="component"/> where it is a <c>state.postgresql</c> v2 component: its
    /// <c>tablePrefix</c> followed by <c>state</c>; null otherwise.
    /// </summary>
    public static string? FindPostgresTable(string resourcesPath, string component) =>
        ComponentText(resourcesPath, component) is { } text
        && Type().Match(text) is { Success: true } type && type.Groups["type"].Value == "state.postgresql"
        && Version().Match(text) is { Success: true } version && version.Groups["version"].Value == "v2"
            ? (TablePrefix().Match(text) is { Success: true } prefix ? prefix.Groups["value"].Value.Trim() : string.Empty) + "state"
            : null;

    /// <summary>The YAML of the component named <paramref name="component"/> in <paramref name="resourcesPath"/>; null where none is.</summary>
    private static string? ComponentText(string resourcesPath, string component) =>
        Directory.EnumerateFiles(resourcesPath, "*.yaml")
            .Select(File.ReadAllText)
            .FirstOrDefault(text => Name().Match(text) is { Success: true } name && name.Groups["name"].Value == component);

    [GeneratedRegex(@"^metadata:\s*\n\s+name:\s*[""']?(?<name>[A-Za-z0-9.\-_]+)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex Name();

    [GeneratedRegex(@"^\s*type:\s*[""']?(?<type>[a-z0-9.\-]+)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex Type();

    [GeneratedRegex(@"^\s*version:\s*[""']?(?<version>v[0-9]+)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex Version();

    [GeneratedRegex(@"-\s*name:\s*tablePrefix\s*\n\s*value:\s*[""']?(?<value>[^""'\n]*)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex TablePrefix();

    [GeneratedRegex(@"-\s*name:\s*connectionString\s*\n\s*value:\s*[""']?(?<value>[^""'\n]*)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex ConnectionString();
}
