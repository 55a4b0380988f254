using System.Text.RegularExpressions;

namespace EntityActors.LocalRuntime;

/// <summary>
/// Refuses to run several replicas on components that each process keeps to itself: every replica would have its own
/// SQLite file or in-memory store, as separate pods would, and the entities would split between them.
/// </summary>
internal static partial class ProcessLocalComponents
{
    private static readonly HashSet<string> LocalTypes = new(StringComparer.Ordinal) { "state.sqlite", "state.in-memory", "pubsub.in-memory" };

    /// <exception cref="InvalidOperationException">More than one replica on such components; the message says which and what to use.</exception>
    public static void EnsureShareable(string resourcesPath, int replicas)
    {
        if (replicas <= 1)
        {
            return;
        }

        var local = Directory.EnumerateFiles(resourcesPath, "*.yaml")
            .SelectMany(file => ComponentType().Matches(File.ReadAllText(file))
                .Select(match => (File: Path.GetFileName(file), Type: match.Groups["type"].Value)))
            .Where(component => LocalTypes.Contains(component.Type))
            .OrderBy(component => component.File, StringComparer.Ordinal)
            .ToList();
        if (local.Count > 0)
        {
            throw new InvalidOperationException(
                $"{replicas} replicas cannot share the components in {resourcesPath}: " +
                string.Join(", ", local.Select(component => $"{component.File} is {component.Type}")) +
                ", which each sidecar keeps to itself (a SQLite file is not shared between pods either), so every replica " +
                "would hold its own entities. Run several replicas with --store postgres or --store redis, or one replica here.");
        }
    }

    [GeneratedRegex(@"^\s*type:\s*[""']?(?<type>[a-z0-9.\-]+)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex ComponentType();
}
