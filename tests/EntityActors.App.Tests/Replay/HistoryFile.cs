using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// A history recorded by <c>tests/EntityActors.Replay.Recorder</c>: one workflow instance's events as the sidecar gave
/// them (Dapr's protobuf JSON), one list per generation, consecutive generations each continuing as new into the next.
/// </summary>
internal sealed record HistoryFile(string Name, string Scenario, string Build, string Workflow, string InstanceId, IReadOnlyList<IReadOnlyList<HistoryEvent>> Generations)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The folder the test project copies the committed histories to.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Replay", "Histories");

    public static IReadOnlyList<string> All() =>
        [.. Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static HistoryFile Load(string name)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!.AsObject();
        var generations = file["generations"]!.AsArray()
            .Select(generation => (IReadOnlyList<HistoryEvent>)[.. generation!.AsArray().Select(e => Parser.Parse<HistoryEvent>(e!.ToJsonString()))])
            .ToList();
        return new HistoryFile(
            name, Text(file, "scenario"), Text(file, "build"), Text(file, "workflow"), Text(file, "instanceId"), generations);
    }

    private static string Text(JsonObject file, string property) =>
        file[property]?.GetValue<string>() ?? throw new InvalidDataException($"The history file has no '{property}'.");
}
