using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Checkouts;
using EntityActors.App.Payments;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;
using EntityActors.App.Versioning;

namespace EntityActors.App.Tests.Replay.NonDeterministic;

/// <summary>
/// A copy of <see cref="CheckoutWorkflow"/> (same input and output) with one of the changes that break a running
/// instance applied (<see cref="Applied"/>), to show that replaying the recorded histories catches it. The unchanged
/// copy replays every history, so whatever fails with a change fails because of that change. (Workflows are made by
/// the runtime without arguments, so each change is a subclass.)
/// </summary>
internal abstract class CheckoutWorkflowCopy : Workflow<CheckoutRequest, CheckoutView>
{
    public enum Change
    {
        None,

        /// <summary>Payment before stock for every checkout: the order of two calls swapped, without the patch.</summary>
        PatchRemoved,

        /// <summary>The milestone activity renamed.</summary>
        MilestoneActivityRenamed,

        /// <summary>The approval deadline taken from the wall clock instead of the workflow's time.</summary>
        ApprovalDeadlineFromWallClock,
    }

    protected abstract Change Applied { get; }

    public override async Task<CheckoutView> RunAsync(WorkflowContext context, CheckoutRequest input)
    {
        var change = Applied;
        var saga = new Saga(context, input, change);
        saga.Publish();
        // Asked once, before the first step: a checkout begun before the payment moved first replays stock first.
        var paymentFirst = change == Change.PatchRemoved || context.IsPatched(WorkflowPatches.PaymentBeforeStock);
        var refusedCommitsStop = context.IsPatched(WorkflowPatches.CommitRefusalsNeedAttention);
        var failedUndoStops = context.IsPatched(WorkflowPatches.FailedCompensationNeedsAttention);
        saga.WithdrawRefused = context.IsPatched(WorkflowPatches.RefusedStepsNotUndone);
        try
        {
            var refused = paymentFirst
                ? await saga.HoldPaymentAsync() ?? await saga.ReserveStockAsync()
                : await saga.ReserveStockAsync() ?? await saga.HoldPaymentAsync();
            if (refused is not null)
            {
                return await saga.UndoAsync(refused);
            }

            if (CheckoutPlan.NeedsApproval(input) && await saga.AwaitApprovalAsync() is { } denied)
            {
                return await saga.UndoAsync(denied);
            }

            if (await saga.CapturePaymentAsync() is { } notCaptured)
            {
                return await saga.UndoAsync(notCaptured);
            }

            return await saga.CommitAsync(refusedCommitsStop);
        }
        catch (WorkflowTaskFailedException ex)
        {
            var reason = $"step-failed: {ex.FailureDetails?.ErrorMessage ?? ex.Message}";
            // Before the pivot, undo what was registered. After it, undoing would release committed stock
            // against an uncaptured payment: stop and surface the checkout for an operator instead.
            if (saga.PastPivot)
            {
                return await saga.NeedsAttentionAsync(reason);
            }

            if (!failedUndoStops)
            {
                return await saga.UndoAsync(reason);
            }

            if (saga.Compensating is { } failed)
            {
                return await saga.NeedsAttentionAsync($"compensation-failed: {failed}: {ex.FailureDetails?.ErrorMessage ?? ex.Message}");
            }

            try
            {
                return await saga.UndoAsync(reason);
            }
            catch (WorkflowTaskFailedException undo)
            {
                return await saga.NeedsAttentionAsync($"compensation-failed: {saga.Compensating}: {undo.FailureDetails?.ErrorMessage ?? undo.Message}");
            }
        }
    }

    /// <summary>The saga's moving parts: the status it publishes and the compensations it has registered.</summary>
    private sealed class Saga(WorkflowContext context, CheckoutRequest request, Change change)
    {
        private CheckoutView view = CheckoutView.Start(request, context.CurrentUtcDateTime);
        private CompensationStack compensations = CompensationStack.Empty;

        public bool PastPivot { get; private set; }

        /// <summary>Whether a refused step's compensation is withdrawn (<see cref="WorkflowPatches.RefusedStepsNotUndone"/>).</summary>
        public bool WithdrawRefused { get; set; }

        /// <summary>The compensation being sent (or the cart being told), while undoing; null before.</summary>
        public string? Compensating { get; private set; }

        public void Publish() => context.SetCustomStatus(view);

        /// <returns>Null when every line is reserved; otherwise why not.</returns>
        public async Task<string?> ReserveStockAsync()
        {
            await EnterAsync(CheckoutSteps.ReservingStock);
            foreach (var line in request.Lines)
            {
                compensations = compensations.Register(CheckoutPlan.ReleaseReservation(request, line));
            }

            var results = await Task.WhenAll(request.Lines.Select(line => SendAsync(CheckoutPlan.Reserve(request, line))));
            foreach (var (_, line) in results.Zip(request.Lines).Where(pair => WithdrawRefused && !pair.First.Accepted))
            {
                compensations = compensations.Withdraw(CheckoutPlan.ReleaseReservation(request, line));
            }

            var refused = results.Zip(request.Lines).FirstOrDefault(pair => !pair.First.Accepted);
            return refused.First is null ? null : $"{refused.First.Code}: {refused.Second.Sku}: {refused.First.Reason}";
        }

        /// <returns>Null when the total is held; otherwise why not.</returns>
        public async Task<string?> HoldPaymentAsync()
        {
            await EnterAsync(CheckoutSteps.HoldingPayment);
            compensations = compensations.Register(CheckoutPlan.ReleaseHold(request));
            var result = await SendAsync(CheckoutPlan.PlaceHold(request));
            if (WithdrawRefused && !result.Accepted)
            {
                compensations = compensations.Withdraw(CheckoutPlan.ReleaseHold(request));
            }

            return result.Accepted ? null : $"{result.Code}: {result.Reason}";
        }

        /// <returns>Null when approved; otherwise why not.</returns>
        public async Task<string?> AwaitApprovalAsync()
        {
            await EnterAsync(CheckoutSteps.AwaitingApproval);
            var decision = await WaitForApprovalAsync(ApprovalTimeout());
            if (decision is null)
            {
                await EnterAsync(CheckoutSteps.ApprovalEscalated);
                decision = await WaitForApprovalAsync(request.Settings.EscalationTimeout);
            }

            return decision switch
            {
                null => "approval-timed-out: no decision after the reminder",
                { Approved: false } => $"approval-denied: by {decision.By}{(decision.Comment is null ? string.Empty : ": " + decision.Comment)}",
                _ => null,
            };
        }

        /// <returns>Null when the gateway captured every part; otherwise why not, once the payment is voided.</returns>
        public async Task<string?> CapturePaymentAsync()
        {
            await EnterAsync(CheckoutSteps.CapturingPayment);
            var parts = CheckoutPlan.CaptureParts(request);
            var watch = await new PaymentCaptureWatchdog(context, request.Settings.PaymentCapture).RunAsync(
                request.CheckoutId, parts, progress => { view = view with { Payment = progress }; Publish(); });
            if (watch.Complete)
            {
                return null;
            }

            await context.CallActivityAsync(
                nameof(VoidPaymentActivity), new PaymentVoid(request.CheckoutId, [.. parts.Select(part => part.Key)]), request.Settings.CompensationRetry.ToTaskOptions());
            view = view with { Compensations = view.Compensations.Add(new CompensationRun("void-capture", "payment-gateway", request.CheckoutId, "undone")) };
            return $"payment-stalled: attempt {watch.Attempt} of {watch.MaxAttempts} ended by {watch.Attempts[^1].EndedBy}";
        }

        public async Task<CheckoutView> CommitAsync(bool refusalsStop)
        {
            await EnterAsync(CheckoutSteps.Committing);
            PastPivot = true;
            var commits = await Task.WhenAll(request.Lines.Select(line => SendAsync(CheckoutPlan.CommitReservation(request, line))));
            var capture = await SendAsync(CheckoutPlan.CaptureHold(request));
            var refused = commits.Zip(request.Lines, (result, line) => (Result: result, Target: $"{InventoryItem.Kind}/{line.Sku}"))
                .Append((Result: capture, Target: $"{Account.Kind}/{request.AccountId}"))
                .Where(commit => !commit.Result.Accepted)
                .Select(commit => $"{commit.Target}: {commit.Result.Code}")
                .ToList();
            if (refusalsStop && refused.Count > 0)
            {
                return await NeedsAttentionAsync($"commit-refused: {string.Join("; ", refused)}");
            }

            await SendAsync(CheckoutPlan.CompleteCart(request));
            return await FinishAsync(CheckoutSteps.Completed, null);
        }

        public async Task<CheckoutView> UndoAsync(string reason)
        {
            await EnterAsync(CheckoutSteps.Compensating);
            foreach (var compensation in compensations.InReverse())
            {
                Compensating = $"{compensation.Signal} {compensation.Kind}/{compensation.EntityId}";
                var result = await SendAsync(compensation, request.Settings.CompensationRetry);
                view = view.Compensated(compensation, result);
                Publish();
            }

            Compensating = $"fail-checkout {Cart.Kind}/{request.CartId}";
            await SendAsync(CheckoutPlan.FailCart(request, reason), request.Settings.CompensationRetry);
            return await FinishAsync(CheckoutSteps.Failed, reason);
        }

        public Task<CheckoutView> NeedsAttentionAsync(string reason) => FinishAsync(CheckoutSteps.NeedsAttention, reason);

        private TimeSpan ApprovalTimeout()
        {
            if (change != Change.ApprovalDeadlineFromWallClock)
            {
                return request.Settings.ApprovalTimeout;
            }

#pragma warning disable EA0001 // The non-deterministic change this copy exists to show being caught; never in app code.
            var deadline = DateTime.UtcNow + request.Settings.ApprovalTimeout;
#pragma warning restore EA0001
            return deadline - context.CurrentUtcDateTime;
        }

        private async Task<ApprovalDecision?> WaitForApprovalAsync(TimeSpan timeout)
        {
            try
            {
                return await context.WaitForExternalEventAsync<ApprovalDecision>(CheckoutEventNames.Approval, timeout);
            }
            catch (TaskCanceledException)
            {
                return null;
            }
        }

        private Task<SignalResult> SendAsync(SignalCommand command, RetrySettings? retry = null) =>
            context.CallActivityAsync<SignalResult>(nameof(SendSignalActivity), command, (retry ?? request.Settings.StepRetry).ToTaskOptions());

        private async Task EnterAsync(string step)
        {
            view = view.Leave(context.CurrentUtcDateTime).Enter(step, context.CurrentUtcDateTime);
            Publish();
            await MilestoneAsync(step, null);
        }

        private async Task<CheckoutView> FinishAsync(string outcome, string? reason)
        {
            view = view.Finish(outcome, reason, context.CurrentUtcDateTime);
            Publish();
            await MilestoneAsync(outcome, reason);
            return view;
        }

        /// <summary>Milestones are news, not steps: one that cannot be published does not fail the checkout.</summary>
        private async Task MilestoneAsync(string milestone, string? reason)
        {
            try
            {
                await context.CallActivityAsync(
                    change == Change.MilestoneActivityRenamed ? "PublishCheckoutMilestoneActivity" : nameof(PublishMilestoneActivity),
                    new CheckoutMilestone(request.CheckoutId, request.CartId, milestone, reason, context.CurrentUtcDateTime),
                    request.Settings.StepRetry.ToTaskOptions());
            }
            catch (WorkflowTaskFailedException ex)
            {
                context.CreateReplaySafeLogger<CheckoutWorkflowCopy>().LogMilestoneNotPublished(request.CheckoutId, milestone, ex.Message);
            }
        }
    }
}
