using Dapr.Workflow;

namespace EntityActors.App.Operations;

/// <summary>
/// The parent of a bulk operation: fans its chunks out to <see cref="OperationChunkWorkflow"/> children, at most
/// <see cref="OperationSettings.MaxChildrenInFlight"/> at a time, folds their results into its progress and
/// publishes it as custom status. After <see cref="OperationSettings.ChildrenPerGeneration"/> children it waits
/// for those still running and continues as new, so its history stays bounded however many lines there are (a
/// child's completion must land in the generation that started it).
/// </summary>
public sealed class BulkOperationWorkflow : Workflow<OperationRun, OperationView?>
{
    public override async Task<OperationView?> RunAsync(WorkflowContext context, OperationRun input)
    {
        var run = input;
        var settings = run.Operation.Settings;
        context.SetCustomStatus(OperationView.Of(run));

        var running = new List<Task<ChunkResult>>();
        var startedThisGeneration = 0;
        while (true)
        {
            while (running.Count < settings.MaxChildrenInFlight
                && run.NextChunk < run.Operation.Chunks
                && startedThisGeneration < settings.ChildrenPerGeneration)
            {
                running.Add(RunChunkAsync(context, run.Operation, run.NextChunk));
                run = run with { NextChunk = run.NextChunk + 1 };
                startedThisGeneration++;
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            run = run with { Progress = run.Progress.Add(await finished) };
            context.SetCustomStatus(OperationView.Of(run));
        }

        if (run.NextChunk < run.Operation.Chunks)
        {
            context.ContinueAsNew(run, preserveUnprocessedEvents: false);
            return null;
        }

        var view = OperationView.Of(run, context.CurrentUtcDateTime);
        context.SetCustomStatus(view);
        return view;
    }

    /// <summary>A child never fails on its own (it reports lines it could not confirm); should it fail anyway, its lines count as failed.</summary>
    private static async Task<ChunkResult> RunChunkAsync(WorkflowContext context, BulkOperation operation, int chunk)
    {
        try
        {
            return await context.CallChildWorkflowAsync<ChunkResult>(
                nameof(OperationChunkWorkflow), new ChunkRun(operation, chunk), new ChildWorkflowTaskOptions(operation.ChunkInstanceId(chunk)));
        }
        catch (WorkflowTaskFailedException ex)
        {
            context.CreateReplaySafeLogger<BulkOperationWorkflow>().LogChunkFailed(operation.OperationId, chunk, ex.FailureDetails?.ErrorMessage ?? ex.Message);
            var lines = OperationChunks.Chunk(chunk, operation.Lines, operation.Settings.ChunkLines);
            return new ChunkResult(chunk, 0, lines.Count, []);
        }
    }
}
