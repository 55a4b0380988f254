using System.Diagnostics;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Telemetry;

/// <summary>
/// The app's own spans (activity source <c>EntityActors</c>). A signal carries the W3C <c>traceparent</c> of the
/// request that sent it (<see cref="SignalSubmission.TraceParent"/>, then <see cref="SignalEnvelope.TraceParent"/>),
/// because the workflow between the actor and the activities may neither open spans nor do I/O (it is replayed):
/// the activity that records a signal's outcome starts its span from that carried context, so the request, the
/// actor turn and the activity share one trace however often the workflow replays.
/// </summary>
public static class EntityTelemetry
{
    public const string SourceName = "EntityActors";

    public const string KindTag = "entityactors.entity.kind";
    public const string IdTag = "entityactors.entity.id";
    public const string SignalIdsTag = "entityactors.signal.ids";
    public const string SignalCountTag = "entityactors.signal.count";
    public const string InstanceIdTag = "entityactors.workflow.instance_id";

    // ActivitySource is meant to be static: it is cheap until a listener (the tracer provider) subscribes to it.
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C <c>traceparent</c> of the current span, to carry inside a message; null when nothing is traced.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// A span for an actor turn: child of the ambient span (the sidecar's call into the app, which continues the
    /// sender's trace), or of the first carried context when there is no ambient span; the other senders' contexts
    /// become links, since a batch can hold signals of several requests.
    /// </summary>
    public static Activity? StartTurn(string name, EntityAddress address, IEnumerable<string?> carried)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var contexts = Parse(carried);
        var parent = Activity.Current?.Context ?? contexts.FirstOrDefault();
        return Start(name, address, parent, contexts.Where(context => context.TraceId != parent.TraceId));
    }

    /// <summary>
    /// A span for work done on behalf of signals (an activity run, a delivery): child of the first carried context,
    /// linked to the other ones and to the ambient span (for an activity, the workflow SDK's span, which belongs to
    /// the trace that created the workflow, not to the signal's).
    /// </summary>
    public static Activity? StartForSignals(string name, EntityAddress address, IEnumerable<string?> carried)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var contexts = Parse(carried);
        var ambient = Activity.Current?.Context;
        var parent = contexts.Count > 0 ? contexts[0] : ambient ?? default;
        var links = contexts.Skip(1).Append(ambient ?? default).Where(context => context != default && context != parent);
        return Start(name, address, parent, links);
    }

    /// <summary>
    /// The <c>traceparent</c> to store with a signal accepted in <paramref name="turn"/>: the turn's own span when it
    /// belongs to the signal's trace (the usual case of one request per batch), else the signal's own context.
    /// </summary>
    public static string? ChildTraceParent(Activity? turn, string? carried)
    {
        if (turn is null)
        {
            return carried;
        }

        return carried is null || (ActivityContext.TryParse(carried, null, out var context) && context.TraceId == turn.TraceId)
            ? turn.Id
            : carried;
    }

    /// <summary>Records the signal ids a span worked on (after the actor gave them out).</summary>
    public static void SetSignals(Activity? activity, IReadOnlyCollection<string> signalIds)
    {
        if (activity is null || signalIds.Count == 0)
        {
            return;
        }

        activity.SetTag(SignalIdsTag, string.Join(',', signalIds));
        activity.SetTag(SignalCountTag, signalIds.Count);
    }

    /// <summary>Marks a span failed with the exception's type and message.</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }

    private static Activity? Start(string name, EntityAddress address, ActivityContext parent, IEnumerable<ActivityContext> links)
    {
        var activity = Source.StartActivity(
            $"{name} {address.Kind}",
            ActivityKind.Internal,
            parent,
            [
                new(KindTag, address.Kind),
                new(IdTag, address.Id),
                new(InstanceIdTag, address.InstanceId),
            ],
            links.Distinct().Select(link => new ActivityLink(link)));
        return activity;
    }

    private static List<ActivityContext> Parse(IEnumerable<string?> traceParents) =>
        traceParents
            .Select(traceParent => traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default)
            .Where(context => context != default)
            .Distinct()
            .ToList();
}
