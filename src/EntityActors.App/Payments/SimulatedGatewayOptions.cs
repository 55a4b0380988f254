using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Payments;

/// <summary>
/// The in-app payment gateway stub (section <c>EntityActors:Payments:Gateway</c>). The injections are for resilience
/// tests only and empty in production.
/// </summary>
public sealed class SimulatedGatewayOptions
{
    public const string Section = "EntityActors:Payments:Gateway";

    /// <summary>How long one capture takes at the gateway.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CaptureDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Testing only: captures whose key starts with the key (a cart id prefix) take this long instead.</summary>
    public Dictionary<string, TimeSpan> InjectDelays { get; set; } = [];

    /// <summary>
    /// Testing only: for checkouts whose key starts with the key, the first request to capture part N (the value) hangs
    /// until the app stops; 0 makes every request hang (the gateway is down for them).
    /// </summary>
    public Dictionary<string, int> InjectHangs { get; set; } = [];
}
