using EntityActors.App.Engine.Store;

namespace EntityActors.App.Tests.Engine.Store;

/// <summary>The first-write conflicts of each store, as the sidecar words them.</summary>
public sealed class InsertIfAbsentConflictTests
{
    [Theory]
    [InlineData("error while executing state transaction: possible etag mismatch. error from state store: ETag mismatch")]
    [InlineData("error while executing state transaction: no item was updated")]
    public void A_refused_first_write_is_a_conflict(string message)
    {
        InsertIfAbsentProbe.IsConflict(new InvalidOperationException(message)).Should().BeTrue();
    }

    [Fact]
    public void A_store_that_is_down_is_not_a_conflict()
    {
        InsertIfAbsentProbe.IsConflict(new InvalidOperationException("failed to connect to `host=127.0.0.1`: connection refused")).Should().BeFalse();
    }
}
