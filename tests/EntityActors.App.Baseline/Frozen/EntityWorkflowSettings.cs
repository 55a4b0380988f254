namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// <see cref="Options.EntityWorkflowOptions"/> as the workflow sees them. Workflows cannot read configuration (it
/// would not replay deterministically), so the relay sends the current settings with every batch and the workflow
/// keeps the latest in its checkpoint: configuration changes reach live entities with their next signal.
/// </summary>
/// <param name="ContinueAsNewAfterSignals">Signals a generation applies at most: bounds the payload its history holds.</param>
/// <param name="ActivityMaxAttempts">Attempts of the workflow's own activity (an idle entity signalling itself).</param>
/// <param name="IdleTimeout">For kinds that expire when idle (carts): how long without a signal until they do.</param>
/// <param name="ContinueAsNewAfterBatches">Batches a generation takes at most: bounds the events its history holds.</param>
public sealed record EntityWorkflowSettings(
    int ContinueAsNewAfterSignals,
    int ActivityMaxAttempts,
    TimeSpan ActivityFirstRetry,
    TimeSpan ActivityMaxRetry,
    TimeSpan? IdleTimeout = null,
    int ContinueAsNewAfterBatches = 20)
{
    /// <summary>Whether a generation that took <paramref name="batches"/> and applied <paramref name="signals"/> has reached its bound.</summary>
    public bool GenerationFull(int batches, int signals) => batches >= ContinueAsNewAfterBatches || signals >= ContinueAsNewAfterSignals;
}
