namespace EntityActors.App.Checkouts;

internal static partial class CheckoutLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Checkout {CheckoutId}: milestone {Milestone} not published: {Error}")]
    public static partial void LogMilestoneNotPublished(this ILogger logger, string checkoutId, string milestone, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Checkout {CheckoutId} started for cart {CartId}")]
    public static partial void LogCheckoutStarted(this ILogger logger, string checkoutId, string cartId);
}
