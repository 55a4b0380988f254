namespace EntityActors.App.Payments;

internal static partial class PaymentLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Payment of {CheckoutId}: attempt {Attempt} captures from part {From} of {Parts}")]
    public static partial void LogCaptureStarted(this ILogger logger, string checkoutId, int attempt, int from, int parts);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Payment of {CheckoutId}: attempt {Attempt} stalled ({Why}); {Next}")]
    public static partial void LogCaptureStalled(this ILogger logger, string checkoutId, int attempt, string why, string next);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Payment of {CheckoutId} voided ({Parts} parts)")]
    public static partial void LogPaymentVoided(this ILogger logger, string checkoutId, int parts);
}
