using EntityActors.App.Operations;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Tests.Operations;

public class LineGuardsTests
{
    private static readonly DateTimeOffset IdleSince = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cart_last_active_before_the_cutoff_is_idle()
    {
        var cart = new CartState { LastActivityAt = IdleSince.AddMinutes(-1) };

        LineGuards.IdleCheck(cart, null, IdleSince).Should().BeNull();
    }

    [Fact]
    public void A_cart_active_after_the_cutoff_fails_its_lines_as_not_idle()
    {
        var cart = new CartState { LastActivityAt = IdleSince.AddSeconds(1) };

        LineGuards.IdleCheck(cart, null, IdleSince)!.Value.Code.Should().Be(LineFailureCodes.CartNotIdle);
    }

    [Fact]
    public void An_expired_cart_passes_so_a_retried_line_meets_its_own_expiry_as_a_duplicate()
    {
        var cart = new CartState { Status = CartStatus.Expired, LastActivityAt = IdleSince.AddSeconds(5) };

        LineGuards.IdleCheck(cart, null, IdleSince).Should().BeNull();
    }

    [Fact]
    public void A_cart_without_activity_is_judged_by_when_its_view_last_changed()
    {
        LineGuards.IdleCheck(new CartState(), IdleSince.AddSeconds(1), IdleSince)!.Value.Code.Should().Be(LineFailureCodes.CartNotIdle);
        LineGuards.IdleCheck(new CartState(), IdleSince.AddSeconds(-1), IdleSince).Should().BeNull();
    }
}
