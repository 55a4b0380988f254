namespace EntityActors.App.Tests.Replay.NonDeterministic;

// The copy as registered with the replayer: one subclass per change (workflows are made without arguments).

internal sealed class UnchangedCheckout : CheckoutWorkflowCopy
{
    protected override Change Applied => Change.None;
}

internal sealed class CheckoutWithPatchRemoved : CheckoutWorkflowCopy
{
    protected override Change Applied => Change.PatchRemoved;
}

internal sealed class CheckoutWithMilestoneActivityRenamed : CheckoutWorkflowCopy
{
    protected override Change Applied => Change.MilestoneActivityRenamed;
}

internal sealed class CheckoutWithApprovalDeadlineFromWallClock : CheckoutWorkflowCopy
{
    protected override Change Applied => Change.ApprovalDeadlineFromWallClock;
}
