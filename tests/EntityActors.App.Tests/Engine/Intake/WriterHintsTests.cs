using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Engine.Intake;

public class WriterHintsTests
{
    private static readonly Uri Self = new("http://10.0.0.1:8080/");
    private static readonly Uri Peer = new("http://10.0.0.2:8080/");
    private static readonly EntityAddress Address = new("accounts", "a-1");

    [Fact]
    public void A_writer_named_in_an_answer_is_used_for_the_entity_until_the_hint_expires()
    {
        var clock = new SteppingClock();
        var hints = NewHints(clock, TimeSpan.FromSeconds(30));

        hints.Learn(Address, Peer.ToString());

        hints.TryGet(Address, out var writer).Should().BeTrue();
        writer.Should().Be(Peer);
        hints.TryGet(new EntityAddress("accounts", "a-2"), out _).Should().BeFalse("a hint is for its own entity only");
        clock.Advance(TimeSpan.FromSeconds(31));
        hints.TryGet(Address, out _).Should().BeFalse("an expired hint sends the next batch through the sidecar, which names the writer again");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a uri")]
    [InlineData("http://10.0.0.1:8080/")]
    public void No_hint_is_kept_for_a_missing_or_unreadable_address_nor_for_this_replica_itself(string? writer)
    {
        var hints = NewHints(new SteppingClock(), TimeSpan.FromMinutes(1));

        hints.Learn(Address, writer);

        hints.TryGet(Address, out _).Should().BeFalse();
    }

    [Fact]
    public void Forgetting_a_writer_leaves_a_newer_hint_that_names_another_one()
    {
        var hints = NewHints(new SteppingClock(), TimeSpan.FromMinutes(1));
        var other = new Uri("http://10.0.0.3:8080/");
        hints.Learn(Address, other.ToString());

        hints.Forget(Address, Peer);
        hints.TryGet(Address, out var kept).Should().BeTrue();
        kept.Should().Be(other);

        hints.Forget(Address, other);
        hints.TryGet(Address, out _).Should().BeFalse();
    }

    [Fact]
    public void Past_the_cap_the_oldest_half_of_the_hints_is_forgotten()
    {
        var clock = new SteppingClock();
        var hints = NewHints(clock, TimeSpan.FromMinutes(1), maxHints: 16);
        for (var i = 0; i < 16; i++)
        {
            hints.Learn(new EntityAddress("accounts", $"a-{i}"), Peer.ToString());
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        hints.Learn(new EntityAddress("accounts", "newest"), Peer.ToString());

        hints.Count.Should().Be(9);
        hints.TryGet(new EntityAddress("accounts", "a-0"), out _).Should().BeFalse();
        hints.TryGet(new EntityAddress("accounts", "a-15"), out _).Should().BeTrue();
        hints.TryGet(new EntityAddress("accounts", "newest"), out _).Should().BeTrue();
    }

    internal static WriterHints NewHints(TimeProvider clock, TimeSpan lifetime, int maxHints = 100) =>
        new(Options.Create(new PeerRoutingOptions { DirectAddress = Self, HintLifetime = lifetime, MaxHints = maxHints }), clock);

    internal sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
