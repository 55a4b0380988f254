namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>How a client saw one attempt at a signal.</summary>
public enum AnswerKind
{
    /// <summary>202 or 200: stored, acknowledged.</summary>
    Acknowledged,

    /// <summary>503 with <c>Retry-After</c>: not taken, retry (with the same key).</summary>
    RetryLater,

    /// <summary>The connection was refused: nothing listens there (a stopped replica).</summary>
    Refused,

    /// <summary>
    /// The connection ended before any answer, reset or closed: one the kernel accepted just as the replica's port closed
    /// (Linux resets what is still queued on a closing listener), or a pooled keep-alive connection the stopping server
    /// closed as the request went out (HTTP/1.1 cannot tell a client it is about to do so). Nothing answered; retry with
    /// the same key, as for a refused connection. A killed process ends connections the same way.
    /// </summary>
    ClosedUnanswered,

    /// <summary>The connection broke mid-request (a killed process); the signal may or may not be stored.</summary>
    Interrupted,

    /// <summary>No answer within the client's timeout; the signal may or may not be stored.</summary>
    TimedOut,

    /// <summary>Anything else: a status or error no client should have to handle.</summary>
    Unexpected,
}

/// <summary>One attempt: when, against which replica, for which key, and what came back.</summary>
public sealed record Attempt(DateTime At, TimeSpan Took, int Replica, string Entity, string Key, AnswerKind Kind, string Detail)
{
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} replica {Replica + 1} {Entity} {Key}: {Kind} after {Took.TotalMilliseconds:0} ms {(Detail.Length > 300 ? Detail[..300] : Detail)}";
}
