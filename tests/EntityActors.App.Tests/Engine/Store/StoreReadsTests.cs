using EntityActors.App.Engine.Store;

namespace EntityActors.App.Tests.Engine.Store;

public class StoreReadsTests
{
    [Fact]
    public async Task Keys_the_bulk_read_returns_are_taken_as_they_are_and_only_the_empty_ones_are_read_again()
    {
        var single = new List<string>();

        var present = await StoreReads.ReadPresentAsync(
            ["a", "b", "c"],
            keys => Task.FromResult<IReadOnlyList<(string, string?)>>([("a", "1"), ("b", null), ("c", "3")]),
            key =>
            {
                single.Add(key);
                return Task.FromResult<string?>(null);
            });

        present.Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["c"] = "3" });
        single.Should().Equal("b");
    }

    [Fact]
    public async Task A_key_the_bulk_read_left_empty_but_the_store_holds_is_found_by_its_own_read()
    {
        var present = await StoreReads.ReadPresentAsync(
            ["a", "b"],
            keys => Task.FromResult<IReadOnlyList<(string, string?)>>([("a", "1"), ("b", string.Empty)]),
            key => Task.FromResult<string?>(key == "b" ? "2" : null));

        present.Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            "an item the sidecar failed to read comes back empty from a bulk read: it is no proof the key is absent");
    }

    [Fact]
    public async Task A_key_the_store_fails_to_read_fails_the_whole_read_rather_than_pass_for_absent()
    {
        var reading = () => StoreReads.ReadPresentAsync(
            ["a", "b"],
            keys => Task.FromResult<IReadOnlyList<(string, string?)>>([("a", "1"), ("b", null)]),
            key => Task.FromException<string?>(new InvalidOperationException("connection refused")));

        await reading.Should().ThrowAsync<InvalidOperationException>().WithMessage("connection refused");
    }

    [Fact]
    public async Task No_keys_read_nothing()
    {
        var calls = 0;

        var present = await StoreReads.ReadPresentAsync(
            [],
            keys => { calls++; return Task.FromResult<IReadOnlyList<(string, string?)>>([]); },
            key => { calls++; return Task.FromResult<string?>(null); });

        present.Should().BeEmpty();
        calls.Should().Be(0);
    }
}
