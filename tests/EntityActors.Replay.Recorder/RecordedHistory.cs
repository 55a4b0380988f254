using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;

namespace EntityActors.Replay.Recorder;

/// <summary>
/// One history file: a workflow instance's events as the sidecar recorded them, in Dapr's own protobuf JSON, one list
/// per generation. Several generations are consecutive: each one but the last ends by continuing as new into the next.
/// The runtime keeps only the new generation's events, so each generation but the last has an ending: its last episode
/// (the batch it continued as new after), rebuilt from the stored envelopes, not recorded by the runtime.
/// </summary>
public sealed record RecordedHistory(
    string Scenario,
    string Description,
    string Build,
    string InstanceId,
    IReadOnlyList<IReadOnlyList<HistoryEvent>> Generations,
    IReadOnlyList<IReadOnlyList<HistoryEvent>>? Endings = null)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The workflow's registered name, from the first generation's start.</summary>
    public string Workflow =>
        Generations[0].FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted.Name
        ?? throw new InvalidOperationException($"The history of {InstanceId} has no start event.");

    /// <summary>File name: build (when not the current one), scenario, workflow.</summary>
    public string FileName => $"{(Build == AppBuild.Current ? string.Empty : Build + ".")}{Scenario}.{Workflow}.json";

    public async Task WriteAsync(string folder, RecordingInfo info)
    {
        var file = new JsonObject
        {
            ["scenario"] = Scenario,
            ["description"] = Description,
            ["build"] = Build,
            ["workflow"] = Workflow,
            ["instanceId"] = InstanceId,
            ["recorded"] = JsonSerializer.SerializeToNode(info),
            ["generations"] = new JsonArray([.. Generations.Select(events =>
                (JsonNode)new JsonArray([.. events.Select(e => JsonNode.Parse(Formatter.Format(e)))]))]),
        };
        if (Endings is { Count: > 0 })
        {
            file["endings"] = new JsonArray([.. Endings.Select(events =>
                (JsonNode)new JsonArray([.. events.Select(e => JsonNode.Parse(Formatter.Format(e)))]))]);
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, FileName), file.ToJsonString(Indented) + "\n");
    }
}
