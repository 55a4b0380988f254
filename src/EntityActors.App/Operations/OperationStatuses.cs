namespace EntityActors.App.Operations;

/// <summary>Values of an operation's <c>status</c>.</summary>
public static class OperationStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
}
