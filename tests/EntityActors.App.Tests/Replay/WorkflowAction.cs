using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// Something a workflow asks the runtime to do, as its code issued it or as its history recorded it: call an activity,
/// set a timer, start a child workflow, send an event, continue as new. Two are the same when kind, name, input (as
/// JSON, whatever its formatting) and due time agree.
/// </summary>
internal sealed record WorkflowAction(int TaskId, string Kind, string Name, string? Input, DateTime? FireAt = null)
{
    public const string Activity = "activity";
    public const string Timer = "timer";
    public const string ChildWorkflow = "child workflow";
    public const string EventSent = "event";
    public const string ContinueAsNew = "continue-as-new";

    private const int ShownInputLength = 400;

    /// <summary>The action a scheduling event of a history records; null for events that record no action.</summary>
    public static WorkflowAction? Recorded(HistoryEvent historyEvent) => historyEvent switch
    {
        { TaskScheduled: { } task } => new(historyEvent.EventId, Activity, task.Name, task.Input),
        { TimerCreated: { } timer } => new(historyEvent.EventId, Timer, TimerOrigin(timer), null, timer.FireAt.ToDateTime()),
        { ChildWorkflowInstanceCreated: { } child } => new(historyEvent.EventId, ChildWorkflow, child.Name, child.Input),
        { EventSent: { } sent } => new(historyEvent.EventId, EventSent, $"{sent.Name} to {sent.InstanceId}", sent.Input),
        _ => null,
    };

    /// <summary>What a timer is for, as the SDK marks it on the timer it creates.</summary>
    public static string TimerOrigin(TimerCreatedEvent timer) => timer.OriginCase switch
    {
        TimerCreatedEvent.OriginOneofCase.ExternalEvent => $"waiting for '{timer.ExternalEvent.Name}'",
        TimerCreatedEvent.OriginOneofCase.ActivityRetry => "retrying an activity",
        TimerCreatedEvent.OriginOneofCase.ChildWorkflowRetry => "retrying a child workflow",
        _ => "durable timer",
    };

    public bool SameAs(WorkflowAction other) =>
        Kind == other.Kind && Name == other.Name && FireAt == other.FireAt && SameJson(Input, other.Input);

    public override string ToString() => Kind switch
    {
        Timer => $"timer ({Name}) due {FireAt:yyyy-MM-ddTHH:mm:ss.fffffffZ}",
        ContinueAsNew => $"continue-as-new with input {Shown(Input)}",
        _ => $"{Kind} '{Name}' with input {Shown(Input)}",
    };

    private static bool SameJson(string? left, string? right)
    {
        var a = Parse(left);
        var b = Parse(right);
        return a is null || b is null ? a is null && b is null : JsonNode.DeepEquals(a, b);
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static string Shown(string? input) =>
        string.IsNullOrEmpty(input) ? "(none)" : input.Length <= ShownInputLength ? input : input[..ShownInputLength] + "…";
}
