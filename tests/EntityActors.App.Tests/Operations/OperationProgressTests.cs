using EntityActors.App.Operations;

namespace EntityActors.App.Tests.Operations;

public class OperationProgressTests
{
    [Fact]
    public void A_new_operation_has_every_line_pending()
    {
        var progress = OperationProgress.Start(250, 3);

        progress.Pending.Should().Be(250);
        progress.Finished.Should().BeFalse();
    }

    [Fact]
    public void Finished_chunks_move_lines_from_pending_to_done_or_failed_and_keep_failure_records_in_line_order()
    {
        var progress = OperationProgress.Start(250, 3)
            .Add(new ChunkResult(2, 48, 2, [201, 226]))
            .Add(new ChunkResult(0, 100, 0, []))
            .Add(new ChunkResult(1, 99, 1, [151]));

        progress.Should().BeEquivalentTo(new { Total = 250, Done = 247, Failed = 3, Pending = 0, ChunksFinished = 3, Finished = true });
        progress.FailureRecords.Should().Equal(151, 201, 226);
    }

    [Fact]
    public void Counts_are_the_same_whatever_order_the_children_finish_in()
    {
        ChunkResult[] results = [new(0, 10, 0, []), new(1, 7, 3, [11]), new(2, 5, 0, [])];

        var forward = results.Aggregate(OperationProgress.Start(25, 3), (progress, chunk) => progress.Add(chunk));
        var backward = results.Reverse().Aggregate(OperationProgress.Start(25, 3), (progress, chunk) => progress.Add(chunk));

        backward.Should().BeEquivalentTo(forward);
    }

    [Fact]
    public void A_chunk_result_sums_its_slices_and_names_only_the_slices_that_stored_failures()
    {
        var chunk = OperationProgress.Combine(4, [new SliceResult(25, 0, null), new SliceResult(20, 5, 226), new SliceResult(24, 1, 201)]);

        chunk.Should().BeEquivalentTo(new { Chunk = 4, Done = 69, Failed = 6 });
        chunk.FailureRecords.Should().Equal(201, 226);
    }
}
