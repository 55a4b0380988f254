namespace EntityActors.App.Engine.Contracts;

/// <summary>An entity's answer to a saga's signal. A rejection is an answer (not retried); transport faults throw.</summary>
public sealed record SignalResult(bool Accepted, string? Code, string? Reason, long Version)
{
    /// <summary>For a compensation, "there was nothing to undo" counts as done.</summary>
    public bool UndoneOrNothingToUndo => Accepted || Code is "reservation-not-found" or "hold-not-found";
}
