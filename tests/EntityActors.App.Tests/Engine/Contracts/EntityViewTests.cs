using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Contracts;

public class EntityViewTests
{
    [Fact]
    public void The_outcome_of_a_recent_signal_is_found_by_its_sequence()
    {
        var view = Absorb(Opened(), Batch(
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Withdraw(Eur(99m))),
            Envelope(4, new Deposit(Eur(1m))))).Checkpoint.ToView();

        var outcome = view.FindOutcome(3);

        outcome.Should().NotBeNull();
        outcome!.SignalId.Should().Be("accounts-acct-1:3");
        outcome.Accepted.Should().BeFalse();
    }

    [Fact]
    public void A_signal_no_longer_or_not_yet_among_the_recent_outcomes_is_not_found()
    {
        var settings = Settings(recentOutcomes: 2);
        var view = Absorb(Opened(settings: settings), Batch(settings, Deposits(from: 2, count: 3))).Checkpoint.ToView();
        view.RecentOutcomes.Select(o => o.Sequence).Should().Equal(3, 4);

        view.FindOutcome(2).Should().BeNull("it fell off the recent list");
        view.FindOutcome(5).Should().BeNull("it has not been applied");
        view.FindOutcome(4).Should().NotBeNull();
    }
}
