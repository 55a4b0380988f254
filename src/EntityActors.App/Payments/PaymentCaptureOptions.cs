using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.Payments;

/// <summary>The checkout's watchdog over a long payment capture (section <c>EntityActors:Checkout:PaymentCapture</c>).</summary>
public sealed class PaymentCaptureOptions
{
    /// <summary>How long a capture may go without a heartbeat before the attempt counts as stalled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before the checkout gives up on the payment, voids it and compensates.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    public PaymentCaptureSettings ToSettings() => new(HeartbeatTimeout, MaxAttempts);
}
