using EntityActors.App.Engine.Options;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// <see cref="EntityWorkflowOptions"/> as the workflow sees them. Workflows cannot read configuration (it
/// would not replay deterministically), so the actor sends the current settings with every batch and the
/// workflow keeps the latest in its checkpoint: configuration changes reach live entities at their next signal.
/// </summary>
/// <param name="OutboxCapacity">
/// Most applied signals the workflow holds for the relay; beyond it the workflow records the oldest itself
/// through <see cref="RecordOutcomesActivity"/> (a relay that stopped must not grow the status without end).
/// </param>
/// <param name="IdleTimeout">For kinds that expire when idle (carts): how long without a signal until they do.</param>
public sealed record EntityWorkflowSettings(
    int ContinueAsNewAfterSignals,
    int RecentOutcomes,
    int RecordOutcomesMaxAttempts,
    TimeSpan RecordOutcomesFirstRetry,
    TimeSpan RecordOutcomesMaxRetry,
    TimeSpan? IdleTimeout = null,
    int OutboxCapacity = 256);
