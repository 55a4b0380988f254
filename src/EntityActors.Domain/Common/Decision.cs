namespace EntityActors.Domain.Common;

/// <summary>The outcome of deciding a signal: the events to apply, or the rejection. Never both.</summary>
public sealed record Decision<TEvent>
{
    private Decision(IReadOnlyList<TEvent> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<TEvent> Events { get; }

    public Rejection? Rejection { get; }

    public bool IsAccepted => Rejection is null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    public static Decision<TEvent> Reject(Rejection rejection) => new([], rejection);
}
