using Dapr.Workflow;
using EntityActors.App.Checkouts;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Tests.Replay.NonDeterministic;
using Xunit.Abstractions;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// Changes that would break running instances, applied to copies of the workflows: the replay of the recorded histories
/// reports each one, with where the code departs from the history and what it did instead.
/// </summary>
public class NonDeterministicChangeTests(ITestOutputHelper output)
{
    private static IEnumerable<HistoryFile> Checkouts(string? build = null) => HistoryFile.All().Select(HistoryFile.Load)
        .Where(h => h.Workflow == nameof(CheckoutWorkflow) && (build is null || h.Build == build));

    [Fact]
    public async Task The_unchanged_copy_of_the_checkout_replays_every_checkout_history()
    {
        foreach (var history in Checkouts())
        {
            await ReplayAsync(new UnchangedCheckout(), history);
        }
    }

    [Fact]
    public async Task Swapping_two_steps_without_the_patch_fails_on_checkouts_begun_before_it_and_says_where()
    {
        var before = HistoryFile.Load("baseline.checkout-happy-path.CheckoutWorkflow.json");

        var message = await MismatchAsync(new CheckoutWithPatchRemoved(), before);

        message.Should().StartWith("CheckoutWorkflow does not replay baseline.checkout-happy-path.CheckoutWorkflow.json (generation 1 of 1): at event 3 (episode 1), ")
            .And.Contain("the history records activity 'PublishMilestoneActivity' with input {\"checkoutId\"")
            .And.Contain("\"milestone\":\"reserving-stock\"")
            .And.Contain("as task 0, but the code issued activity 'PublishMilestoneActivity' with input")
            .And.Contain("\"milestone\":\"holding-payment\"");
        foreach (var since in Checkouts("current"))
        {
            await ReplayAsync(new CheckoutWithPatchRemoved(), since);
        }
    }

    [Fact]
    public async Task Renaming_an_activity_fails_every_checkout_at_its_first_call()
    {
        foreach (var history in Checkouts())
        {
            var message = await MismatchAsync(new CheckoutWithMilestoneActivityRenamed(), history);

            message.Should().Contain("at event 3 (episode 1), the history records activity 'PublishMilestoneActivity'")
                .And.Contain("as task 0, but the code issued activity 'PublishCheckoutMilestoneActivity'");
        }
    }

    [Fact]
    public async Task A_deadline_from_the_wall_clock_fails_where_the_checkout_waits_for_approval_and_nowhere_else()
    {
        foreach (var history in Checkouts())
        {
            var waitsForApproval = history.Generations[0].Any(e => e.TimerCreated?.ExternalEvent?.Name == CheckoutEventNames.Approval);
            if (!waitsForApproval)
            {
                await ReplayAsync(new CheckoutWithApprovalDeadlineFromWallClock(), history);
                continue;
            }

            var message = await MismatchAsync(new CheckoutWithApprovalDeadlineFromWallClock(), history);

            message.Should().MatchRegex(
                @"the history records timer \(waiting for 'approval'\) due \S+Z as task \d+, but the code issued timer \(waiting for 'approval'\) due \S+Z\.$");
        }
    }

    [Fact]
    public async Task An_entity_whose_waits_gain_a_timer_fails_its_recorded_history_after_the_first_episode()
    {
        // Recorded before generations aged: its waits have no timer at all.
        var history = HistoryFile.Load("baseline.account-generations.AccountWorkflow.json");

        var message = await MismatchAsync(new AccountWorkflowThatExpires(), history);

        message.Should().Contain("(generation 1 of 1): at event 3 (episode 2), after episode 1 ended, the code issued task 0: timer (durable timer) due")
            .And.EndWith("which the history never recorded.");
    }

    [Fact]
    public async Task A_generation_that_would_continue_as_new_with_another_checkpoint_than_the_next_began_with_fails()
    {
        var history = HistoryFile.Load("account-generations.AccountWorkflow.json");
        var next = history.Generations[1].Single(e => e.ExecutionStarted != null).ExecutionStarted;
        next.Input = next.Input.Replace("\"generation\":2", "\"generation\":7", StringComparison.Ordinal);

        var message = await MismatchAsync(AppWorkflows.Create(history.Workflow), history);

        message.Should().Contain("(generation 1 of 2): at event 7 (episode 3), the code asked for continue-as-new with input")
            .And.Contain("\"generation\":2").And.Contain("but the next generation started with continue-as-new with input")
            .And.Contain("\"generation\":7");
    }

    private static Task ReplayAsync(IWorkflow workflow, HistoryFile history) =>
        HistoryReplayer.ReplayAsync(workflow, history, EntityJson.Options);

    private async Task<string> MismatchAsync(IWorkflow workflow, HistoryFile history)
    {
        var replay = () => ReplayAsync(workflow, history);
        var message = (await replay.Should().ThrowAsync<ReplayMismatchException>()).Which.Message;
        output.WriteLine(message);
        return message;
    }
}
