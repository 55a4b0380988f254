using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Workflow;

public class EntityCheckpointTests
{
    [Fact]
    public void The_initial_checkpoint_has_handled_nothing()
    {
        var checkpoint = EntityCheckpoint<AccountState>.Initial("accounts", Id, Account.Initial, Settings());

        checkpoint.Version.Should().Be(0);
        checkpoint.Sequence.Should().Be(0);
        checkpoint.LastChangedAt.Should().BeNull();
        checkpoint.Pending.Should().BeEmpty();
        checkpoint.HandledThisGeneration.Should().Be(0);
        checkpoint.Generation.Should().Be(0);
        checkpoint.State.Should().BeSameAs(Account.Initial);
    }

    [Fact]
    public void The_next_generation_keeps_the_entity_and_starts_counting_afresh()
    {
        var settings = Settings(continueAsNewAfter: 4);
        var turn = Absorb(Opened(settings: settings) with { Generation = 6 }, Batch(settings,
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Withdraw(Eur(99m))),
            Envelope(5, new Deposit(Eur(1m)))));
        var checkpoint = turn.Checkpoint;
        checkpoint.HandledThisGeneration.Should().Be(2);

        var next = checkpoint.NextGeneration();

        next.Generation.Should().Be(7);
        next.HandledThisGeneration.Should().Be(0);
        next.Kind.Should().Be("accounts");
        next.Id.Should().Be(Id);
        next.State.Should().BeSameAs(checkpoint.State);
        next.State.Balance.Should().Be(10m);
        next.Version.Should().Be(2);
        next.Sequence.Should().Be(3);
        next.LastChangedAt.Should().Be(Clock.T0);
        Sequences(next.Pending).Should().Equal(5);
        next.Settings.Should().Be(settings);
    }

    [Fact]
    public void The_view_shows_the_checkpoint_without_its_internals()
    {
        var checkpoint = Absorb(Opened() with { Generation = 2 }, Batch(Deposits(from: 2, count: 2))).Checkpoint;

        var view = checkpoint.ToView();

        view.Should().BeEquivalentTo(new
        {
            Kind = "accounts",
            Id,
            Version = 3L,
            Sequence = 3L,
            State = checkpoint.State,
            LastChangedAt = (DateTimeOffset?)Clock.T0,
            Generation = 2L,
            Divergences = 0L,
        });
    }
}
