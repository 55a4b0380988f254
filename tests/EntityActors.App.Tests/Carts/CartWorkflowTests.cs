using System.Text.Json;
using EntityActors.App.Carts;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Tests.Carts;

public class CartWorkflowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static readonly EntityWorkflowSettings Settings =
        new(100, ActivityMaxAttempts: 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), IdleTimeout: TimeSpan.FromMinutes(5));

    [Fact]
    public async Task An_idle_cart_signals_itself_once_and_the_batch_that_follows_is_taken_by_the_wait_that_was_open()
    {
        // Idle since a minute before now, expiring after five: the timer is set, fires, and the cart sends itself expire.
        var cart = Open(lastActivity: Clock.T2.AddMinutes(-1));
        var expire = new SignalEnvelope("carts-cart-1:2", 2, "expire", "idle-expiry:1",
            JsonSerializer.SerializeToElement<CartSignal>(new ExpireCart(), EntityJson.Options), Clock.T2);
        var context = new FakeWorkflowContext(new SignalBatch([expire], Settings)) { TimersFire = true, BatchesFollowActivities = true };

        _ = new CartWorkflow().RunAsync(context, cart);
        await context.Idle.WaitAsync(Patience);

        context.Timeline.Should().Equal("status", "wait:signals", "timer", $"activity:{nameof(SubmitSignalActivity)}", "status", "wait:signals");
        var command = context.Activities.Single().Input.Should().BeOfType<SignalCommand>().Subject;
        (command.Signal, command.IdempotencyKey).Should().Be(("expire", "idle-expiry:1"));
        var view = context.Statuses.Cast<EntityView<CartState>>().Last();
        (view.Sequence, view.State.Status).Should().Be((2, CartStatus.Expired), "the wait opened before the timer took the batch: none was lost");
    }

    [Fact]
    public async Task A_cart_with_a_signal_before_its_deadline_takes_it_and_sends_nothing()
    {
        var cart = Open(lastActivity: Clock.T2.AddMinutes(-1));
        var add = new SignalEnvelope("carts-cart-1:2", 2, "add-item", "k-2",
            JsonSerializer.SerializeToElement<CartSignal>(new AddItem("sku-1", 1, new EntityActors.Domain.Common.Money(3m, "EUR")), EntityJson.Options), Clock.T2);
        var context = new FakeWorkflowContext(new SignalBatch([add], Settings));

        _ = new CartWorkflow().RunAsync(context, cart);
        await context.Idle.WaitAsync(Patience);

        context.Activities.Should().BeEmpty();
        context.Statuses.Cast<EntityView<CartState>>().Last().Sequence.Should().Be(2);
    }

    private static EntityCheckpoint<CartState> Open(DateTimeOffset lastActivity) =>
        EntityCheckpoint<CartState>.Initial(Cart.Kind, "cart-1", Cart.Initial, Settings) with
        {
            State = Cart.Initial with { LastActivityAt = lastActivity },
            Version = 1,
            Sequence = 1,
            LastChangedAt = lastActivity,
        };
}
