using EntityActors.App.Engine.Queries;

namespace EntityActors.App.Tests.Engine.Queries;

public class EntityChangesTests
{
    [Fact]
    public void A_waiter_taken_before_a_change_completes_at_it_and_a_new_one_waits_for_the_next()
    {
        var changes = new EntityChanges();
        var before = changes.NextChangeAsync("accounts-a1");
        var other = changes.NextChangeAsync("accounts-a2");

        changes.Changed("accounts-a1");

        before.IsCompletedSuccessfully.Should().BeTrue();
        other.IsCompleted.Should().BeFalse("another entity did not change");
        changes.NextChangeAsync("accounts-a1").IsCompleted.Should().BeFalse("this one waits for the next change");
    }

    [Fact]
    public void Waiters_of_one_entity_share_the_next_change()
    {
        var changes = new EntityChanges();
        var first = changes.NextChangeAsync("carts-c1");
        var second = changes.NextChangeAsync("carts-c1");

        changes.Changed("carts-c1");

        first.IsCompletedSuccessfully.Should().BeTrue();
        second.IsCompletedSuccessfully.Should().BeTrue();
    }
}
