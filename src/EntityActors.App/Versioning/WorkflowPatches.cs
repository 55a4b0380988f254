namespace EntityActors.App.Versioning;

/// <summary>
/// Every patch in force: the names workflow code passes to <c>WorkflowContext.IsPatched</c>. An instance started before
/// a patch shipped replays its old branch; one started after takes the new branch. A patch is retired (its old branch
/// deleted) only when no instance can still need it: see <c>docs/versioning.md</c>.
/// </summary>
public static class WorkflowPatches
{
    /// <summary>
    /// Entity workflows also continue as new after the first batch a generation takes once older than
    /// <see cref="Engine.Options.EntityWorkflowOptions.GenerationMaxAge"/>, so a quiet entity's history is renewed and it
    /// picks up later patches when next used. Old branch: a generation ends only when full (batches or signals).
    /// </summary>
    public const string GenerationMaxAge = "entity-generation-max-age";

    /// <summary>
    /// The checkout holds the payment before it reserves stock, so a buyer who cannot pay never keeps stock from others.
    /// Old branch: stock first, then payment.
    /// </summary>
    public const string PaymentBeforeStock = "checkout-payment-before-stock";

    /// <summary>
    /// A commit the entities refuse past the pivot (a reservation or hold a client released while the checkout waited)
    /// ends the checkout as needing attention, and the cart is not told it was checked out. Old branch: the refusals are
    /// ignored, the cart is checked out and the checkout completes.
    /// </summary>
    public const string CommitRefusalsNeedAttention = "checkout-commit-refusals-need-attention";

    /// <summary>
    /// A compensation that still fails once its retries are spent ends the checkout as needing attention, naming the
    /// compensation. Old branch: the failure escapes (while compensating after a refusal, the compensations are run once
    /// more first) and the workflow fails, leaving what was not undone held and the cart checking out, with no outcome.
    /// </summary>
    public const string FailedCompensationNeedsAttention = "checkout-failed-compensation-needs-attention";

    /// <summary>
    /// A step the entity refused placed nothing, so it is not undone: its compensation is withdrawn. Old branch: it ran
    /// anyway, and where the refusal was a hold or reservation of the same id already there (a client's), the checkout
    /// released that one and reported it undone.
    /// </summary>
    public const string RefusedStepsNotUndone = "checkout-refused-steps-not-undone";
}
