namespace EntityActors.App.Engine.SingleWriter;

/// <summary>The entity's workflow is in a terminal state; signals would be silently dropped, so none are taken.</summary>
public sealed class EntityUnavailableException : Exception
{
    public EntityUnavailableException()
    {
    }

    public EntityUnavailableException(string message)
        : base(message)
    {
    }

    public EntityUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
