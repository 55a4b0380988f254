using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Versioning;

namespace EntityActors.App.Tests.Replay;

/// <summary>
/// Every history recorded from the real runtime (<c>Replay/Histories</c>, written by
/// <c>tests/EntityActors.Replay.Recorder</c>) replays against today's workflow code: a change that would make a running
/// instance take another path fails here, before it ships.
/// </summary>
public class RecordedHistoryReplayTests
{
    public static TheoryData<string> Histories => new(HistoryFile.All());

    [Theory]
    [MemberData(nameof(Histories))]
    public async Task Todays_workflow_code_replays_the_recorded_history(string file)
    {
        var history = HistoryFile.Load(file);

        var replay = () => HistoryReplayer.ReplayAsync(AppWorkflows.Create(history.Workflow), history, EntityJson.Options);

        await replay.Should().NotThrowAsync();
    }

    [Fact]
    public void Every_workflow_the_app_has_has_recorded_histories()
    {
        var recorded = HistoryFile.All().Select(HistoryFile.Load).Select(h => h.Workflow).ToHashSet();

        AppWorkflows.ByName.Keys.Should().BeSubsetOf(recorded);
    }

    [Fact]
    public void The_histories_hold_the_checkouts_outcomes_a_bulk_operation_and_an_entity_across_a_generation_end_by_age()
    {
        var histories = HistoryFile.All().Select(HistoryFile.Load).Where(h => h.Build == "current").ToList();

        histories.Select(h => h.Scenario).Should().Contain(
            ["checkout-happy-path", "checkout-compensation", "checkout-step-retried", "checkout-approved", "checkout-approval-timeout", "checkout-commit-refused", "cart-idle-expiry", "bulk-restock"]);
        var account = histories.Single(h => h.Scenario == "account-generations");
        account.Generations.Should().HaveCount(2, "a generation that ended by age, and the one it continued into");
        account.Generations[0].Should().NotContain(e => e.TimerCreated != null, "no timer marks a generation's age");
        account.Endings.Should().ContainSingle().Which.Should().Contain(e => e.EventRaised != null, "the batch the first generation ended with");
        var age = account.Endings[0][0].Timestamp.ToDateTime() - account.Generations[0][0].Timestamp.ToDateTime();
        var maxAge = TimeSpan.Parse(
            JsonNode.Parse(account.Generations[0].Single(e => e.ExecutionStarted != null).ExecutionStarted.Input)!["settings"]!["generationMaxAge"]!.GetValue<string>(),
            CultureInfo.InvariantCulture);
        age.Should().BeGreaterThanOrEqualTo(maxAge, "the first generation ended by age, not by count");
    }

    [Fact]
    public async Task Each_patch_in_force_has_histories_of_its_old_branch_and_of_its_new_one()
    {
        var taken = new List<(string Patch, bool NewBranch)>();
        foreach (var history in HistoryFile.All().Select(HistoryFile.Load))
        {
            var patches = await HistoryReplayer.ReplayAsync(AppWorkflows.Create(history.Workflow), history, EntityJson.Options);
            taken.AddRange(patches.Select(p => (p.Key, p.Value)));
        }

        var inForce = typeof(WorkflowPatches).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToList();
        inForce.Should().NotBeEmpty();
        foreach (var patch in inForce)
        {
            taken.Should().Contain((patch, false), $"a history recorded before '{patch}' keeps its old branch tested until the patch is retired");
            taken.Should().Contain((patch, true), $"a history recorded since '{patch}' tests its new branch");
        }
    }
}
