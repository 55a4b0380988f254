namespace EntityActors.App.Engine.Options;

/// <summary>Resilience testing only (section <c>EntityActors:FaultInjection</c>); empty in production.</summary>
public sealed class FaultInjectionOptions
{
    public const string Section = "EntityActors:FaultInjection";

    /// <summary>
    /// The first N attempts of a workflow step sending the named signal (e.g. <c>place-hold</c>, or
    /// <c>place-hold@flaky-</c> for entity ids starting with <c>flaky-</c>) fail as if the network had.
    /// </summary>
    public Dictionary<string, int> TransientSignalFailures { get; set; } = [];

    /// <summary>
    /// The first N raises to the workflow of each entity whose id starts with the key fail as if the sidecar were
    /// unreachable, so a lane gives up and the redelivery reminder must step in.
    /// </summary>
    public Dictionary<string, int> RaiseFailures { get; set; } = [];

    /// <summary>
    /// A workflow's send of the named signal (the same rules as <see cref="TransientSignalFailures"/>) waits this long
    /// before it reaches the entity, logged as it starts: a window for a test to act between a step's checks and its send.
    /// </summary>
    public Dictionary<string, TimeSpan> SignalDelays { get; set; } = [];

    /// <summary>The saga of a cart whose id starts with the key starts this much later than the cart's check-out.</summary>
    public Dictionary<string, TimeSpan> CheckoutStartDelays { get; set; } = [];
}
