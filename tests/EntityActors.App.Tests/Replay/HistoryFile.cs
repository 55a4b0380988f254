using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// A history recorded by <c>tests/EntityActors.Replay.Recorder</c>: one workflow instance's events as the sidecar gave
/// them (Dapr's protobuf JSON), one list per generation, consecutive generations each continuing as new into the next.
/// The runtime keeps only the new generation's events, so a generation's last episode (the batch it continued as new
/// after) is not among them: <see cref="Endings"/> holds it for each generation but the last, rebuilt by the recorder
/// from the envelopes the entity's store kept, the next generation's settings and its start time.
/// </summary>
internal sealed record HistoryFile(
    string Name,
    string Scenario,
    string Build,
    string Workflow,
    string InstanceId,
    IReadOnlyList<IReadOnlyList<HistoryEvent>> Generations,
    IReadOnlyList<IReadOnlyList<HistoryEvent>> Endings)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The folder the test project copies the committed histories to.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Replay", "Histories");

    public static IReadOnlyList<string> All() =>
        [.. Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static HistoryFile Load(string name)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!.AsObject();
        return new HistoryFile(
            name, Text(file, "scenario"), Text(file, "build"), Text(file, "workflow"), Text(file, "instanceId"),
            Events(file["generations"]), Events(file["endings"]));
    }

    private static List<IReadOnlyList<HistoryEvent>> Events(JsonNode? lists) =>
        lists is null
            ? []
            : [.. lists.AsArray().Select(list => (IReadOnlyList<HistoryEvent>)[.. list!.AsArray().Select(e => Parser.Parse<HistoryEvent>(e!.ToJsonString()))])];

    private static string Text(JsonObject file, string property) =>
        file[property]?.GetValue<string>() ?? throw new InvalidDataException($"The history file has no '{property}'.");
}
