using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;
using EntityActors.LocalRuntime;

namespace EntityActors.Replay.Recorder;

/// <summary>One build of the app on the real runtime, the scenarios' way in, and what they recorded.</summary>
public sealed class Recording(LocalDaprEnvironment environment, string build) : IAsyncDisposable
{
    public string Build => build;

    public AppApi Api { get; } = new(environment.CreateAppClient());

    public Instances Instances { get; } = new(environment);

    public List<RecordedHistory> Histories { get; } = [];

    /// <summary>An id no earlier recording used: <paramref name="prefix"/> and 12 hex digits.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Records an entity's current generation once its workflow has applied every signal its writer stored.</summary>
    public async Task RecordEntityAsync(string scenario, string description, string kind, string id)
    {
        var instanceId = $"{kind}-{id}";
        var sequence = await Api.SequenceAsync(kind, id);
        await Instances.WaitForStatusAsync(instanceId, view => Sequence(view) >= sequence);
        Histories.Add(new RecordedHistory(scenario, description, build, instanceId, [await Instances.HistoryAsync(instanceId)]));
    }

    /// <summary>Records a checkout once its workflow has completed.</summary>
    public Task RecordCheckoutAsync(string scenario, string description, string checkoutId) =>
        RecordCompletedAsync(scenario, description, $"checkouts-{checkoutId}");

    /// <summary>Records a workflow instance once it has completed.</summary>
    public async Task RecordCompletedAsync(string scenario, string description, string instanceId)
    {
        await Instances.WaitForEndAsync(instanceId);
        Histories.Add(new RecordedHistory(scenario, description, build, instanceId, [await Instances.HistoryAsync(instanceId)]));
    }

    /// <summary>
    /// The last episode of the generation before <paramref name="next"/>, which the runtime dropped with it: the batch
    /// of the envelopes after <paramref name="handledBefore"/> through the next generation's sequence (as stored by the
    /// writer), with the next generation's settings and relay mark, raised at the next generation's start.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> EndingAsync(string instanceId, string eventName, long handledBefore, IReadOnlyList<HistoryEvent> next)
    {
        var input = JsonNode.Parse(next.First(e => e.ExecutionStarted is not null).ExecutionStarted.Input)!;
        var signals = new JsonArray();
        for (var sequence = handledBefore + 1; sequence <= input["sequence"]!.GetValue<long>(); sequence++)
        {
            signals.Add(await Instances.StoredEnvelopeAsync(instanceId, sequence));
        }

        var batch = new JsonObject
        {
            ["signals"] = signals,
            ["settings"] = input["settings"]!.DeepClone(),
            ["relayedThrough"] = input["relayedThrough"]!.DeepClone(),
        };
        var at = next[0].Timestamp;
        return
        [
            new HistoryEvent { EventId = -1, Timestamp = at, WorkflowStarted = new WorkflowStartedEvent() },
            new HistoryEvent { EventId = -1, Timestamp = at, EventRaised = new EventRaisedEvent { Name = eventName, Input = batch.ToJsonString() } },
        ];
    }

    public static long Sequence(JsonObject view) => view["sequence"]?.GetValue<long>() ?? 0;

    public static long Generation(JsonObject view) => view["generation"]?.GetValue<long>() ?? 0;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Instances.DisposeAsync();
        await environment.DisposeAsync();
    }
}
