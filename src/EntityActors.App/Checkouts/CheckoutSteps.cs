namespace EntityActors.App.Checkouts;

/// <summary>Names of the checkout's steps and outcomes, as they appear in its status and milestones.</summary>
public static class CheckoutSteps
{
    public const string Started = "started";
    public const string ReservingStock = "reserving-stock";
    public const string HoldingPayment = "holding-payment";
    public const string AwaitingApproval = "awaiting-approval";
    public const string ApprovalEscalated = "approval-escalated";
    public const string CapturingPayment = "capturing-payment";
    public const string Committing = "committing";
    public const string Compensating = "compensating";
    public const string Finished = "finished";

    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string NeedsAttention = "needs-attention";
}
