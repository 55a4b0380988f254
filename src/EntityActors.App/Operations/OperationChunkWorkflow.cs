using Dapr.Workflow;

namespace EntityActors.App.Operations;

/// <summary>
/// One chunk of a bulk operation: its slices go to <see cref="ApplyOperationLinesActivity"/> side by side, a few
/// activity calls per chunk rather than one per line. A slice whose activity keeps failing is sent once more as the
/// final attempt, which reports the lines it cannot confirm as failures instead of throwing: every line ends up
/// counted, and a retry never applies a line twice (each line has its own idempotency key).
/// </summary>
public sealed class OperationChunkWorkflow : Workflow<ChunkRun, ChunkResult>
{
    public override async Task<ChunkResult> RunAsync(WorkflowContext context, ChunkRun input)
    {
        var operation = input.Operation;
        var lines = OperationChunks.Chunk(input.Chunk, operation.Lines, operation.Settings.ChunkLines);
        var slices = OperationChunks.Slices(lines, operation.Settings.LinesPerActivity);
        var results = await Task.WhenAll(slices.Select(slice => ApplyAsync(context, new OperationSlice(operation, input.Chunk, slice))));
        return OperationProgress.Combine(input.Chunk, results);
    }

    private static async Task<SliceResult> ApplyAsync(WorkflowContext context, OperationSlice slice)
    {
        try
        {
            return await context.CallActivityAsync<SliceResult>(
                nameof(ApplyOperationLinesActivity), slice, slice.Operation.Settings.ActivityRetry.ToTaskOptions());
        }
        catch (WorkflowTaskFailedException)
        {
            return await context.CallActivityAsync<SliceResult>(nameof(ApplyOperationLinesActivity), slice with { FinalAttempt = true });
        }
    }
}
