using EntityActors.App.Operations;

namespace EntityActors.App.Tests.Operations;

public class OperationChunksTests
{
    [Theory]
    [InlineData(0, 100, 0)]
    [InlineData(1, 100, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(101, 100, 2)]
    [InlineData(10_000, 100, 100)]
    public void Lines_split_into_as_many_chunks_as_it_takes_to_hold_them(int lines, int chunkLines, int chunks) =>
        OperationChunks.Count(lines, chunkLines).Should().Be(chunks);

    [Fact]
    public void Chunks_cover_every_line_once_in_order_and_the_last_one_may_be_short()
    {
        var chunks = Enumerable.Range(0, OperationChunks.Count(250, 100)).Select(i => OperationChunks.Chunk(i, 250, 100)).ToList();

        chunks.Should().Equal(new LineRange(1, 100), new LineRange(101, 200), new LineRange(201, 250));
        chunks.Sum(chunk => chunk.Count).Should().Be(250);
    }

    [Fact]
    public void A_chunk_beyond_the_lines_does_not_exist()
    {
        var beyond = () => OperationChunks.Chunk(3, 250, 100);

        beyond.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(100, 0)]
    [InlineData(101, 1)]
    [InlineData(10_000, 99)]
    public void A_position_belongs_to_the_chunk_whose_range_holds_it(int line, int chunk)
    {
        OperationChunks.ChunkOf(line, 100).Should().Be(chunk);
        OperationChunks.Chunk(chunk, 10_000, 100).Contains(line).Should().BeTrue();
    }

    [Fact]
    public void A_chunk_is_sent_in_a_few_slices_not_line_by_line()
    {
        OperationChunks.Slices(new LineRange(101, 200), 30)
            .Should().Equal(new LineRange(101, 130), new LineRange(131, 160), new LineRange(161, 190), new LineRange(191, 200));
        OperationChunks.Slices(new LineRange(1, 100), 100).Should().Equal(new LineRange(1, 100));
    }

    [Fact]
    public void Split_puts_each_line_in_the_record_of_its_chunk()
    {
        var lines = Enumerable.Range(1, 7).Select(n => new OperationLine(n, $"item-{n}", default)).ToList();

        var chunks = OperationChunks.Split(lines, 3).ToList();

        chunks.Select(chunk => chunk.Index).Should().Equal(0, 1, 2);
        chunks.Select(chunk => chunk.Lines.Select(line => line.Line)).Should().BeEquivalentTo(
            new[] { new[] { 1, 2, 3 }, [4, 5, 6], [7] }, options => options.WithStrictOrdering());
        chunks.Should().AllSatisfy(chunk => chunk.Lines.Should().AllSatisfy(line => OperationChunks.ChunkOf(line.Line, 3).Should().Be(chunk.Index)));
    }

    [Fact]
    public void Lines_are_arranged_by_entity_so_an_entity_s_lines_go_out_together_and_keep_their_numbers()
    {
        OperationLine[] lines = [new(1, "b", default), new(2, "a", default), new(3, "b", default), new(4, "c", default), new(5, "a", default)];

        var arranged = OperationChunks.Arrange(lines);

        arranged.Select(line => $"{line.EntityId}{line.Line}").Should().Equal("a2", "a5", "b1", "b3", "c4");
    }
}
