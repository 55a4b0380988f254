using Dapr.Workflow;
using EntityActors.App.Engine.Workflow;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Operations;

/// <summary>Reads an operation from its parent's custom status (no replay) and pages its failures from the store.</summary>
public sealed class OperationReader(DaprWorkflowClient workflows, OperationStore store, IOptions<OperationOptions> options)
{
    public async Task<OperationStatus?> GetAsync(string operationId, FailureCursor after, int? limit, CancellationToken cancellationToken)
    {
        var state = await workflows.ReadWorkflowStateAsync(BulkOperation.InstanceIdFor(operationId), cancellationToken);
        if (state is not { Exists: true } || state.ReadInputAs<OperationRun>() is not { } run)
        {
            return null;
        }

        var view = state.ReadCustomStatusAs<OperationView>() ?? OperationView.Of(run);

        var pageSize = Math.Clamp(limit ?? options.Value.FailuresPageSize, 1, options.Value.FailuresPageSize);
        var (failures, next) = await PageAsync(run.Operation.OperationId, view.Progress, after, pageSize, cancellationToken);
        var progress = view.Progress;
        return new OperationStatus(
            view.OperationId, view.Name, view.EntityKind, view.Status,
            progress.Total, progress.Done, progress.Failed, progress.Pending, progress.ChunksTotal, progress.ChunksFinished,
            view.RequestedAt, view.FinishedAt,
            failures,
            next is { } cursor ? $"/operations/{operationId}?failuresAfter={cursor}&limit={pageSize}" : null);
    }

    /// <summary>Failures in stored order (records by position, each record's failures by line), from the cursor on.</summary>
    private async Task<(List<LineFailure> Page, FailureCursor? Next)> PageAsync(
        string operationId, OperationProgress progress, FailureCursor after, int pageSize, CancellationToken cancellationToken)
    {
        var page = new List<LineFailure>();
        foreach (var record in progress.FailureRecords.Where(record => record >= after.Record))
        {
            var failures = await store.ReadFailuresAsync(operationId, record, cancellationToken);
            var taken = record == after.Record ? after.Taken : 0;
            foreach (var failure in failures.Skip(taken))
            {
                if (page.Count == pageSize)
                {
                    return (page, new FailureCursor(record, taken));
                }

                page.Add(failure);
                taken++;
            }
        }

        return (page, null);
    }
}
