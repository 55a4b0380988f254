namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The entity's single writer did not answer within its bound (its process gone, or a hop hanging): nothing is known to
/// be stored, so the caller is told to retry with the same idempotency key.
/// </summary>
public sealed class WriterTimeoutException : TimeoutException
{
    public WriterTimeoutException()
    {
    }

    public WriterTimeoutException(string message)
        : base(message)
    {
    }

    public WriterTimeoutException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
