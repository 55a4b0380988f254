namespace EntityActors.App.Engine.Intake;

/// <summary>A saga step that cannot succeed however often it is retried (a bug, not a fault).</summary>
public sealed class PermanentSignalException : Exception
{
    public PermanentSignalException()
    {
    }

    public PermanentSignalException(string message)
        : base(message)
    {
    }

    public PermanentSignalException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
