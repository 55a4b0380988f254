using Dapr.Workflow;
using EntityActors.App.Engine.Workflow;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Operations;

/// <summary>Reads an operation from its parent's custom status (no replay) and pages its failures from the store.</summary>
public sealed class OperationReader(DaprWorkflowClient workflows, OperationStore store, IOptions<OperationOptions> options)
{
    public async Task<OperationStatus?> GetAsync(string operationId, int failuresAfter, int? limit, CancellationToken cancellationToken)
    {
        var state = await workflows.ReadWorkflowStateAsync(BulkOperation.InstanceIdFor(operationId), cancellationToken);
        if (state is not { Exists: true } || state.ReadInputAs<OperationRun>() is not { } run)
        {
            return null;
        }

        var view = state.ReadCustomStatusAs<OperationView>() ?? OperationView.Of(run);

        var pageSize = Math.Clamp(limit ?? options.Value.FailuresPageSize, 1, options.Value.FailuresPageSize);
        var (failures, more) = await PageAsync(run.Operation, view.Progress, failuresAfter, pageSize, cancellationToken);
        var progress = view.Progress;
        return new OperationStatus(
            view.OperationId, view.Name, view.EntityKind, view.Status,
            progress.Total, progress.Done, progress.Failed, progress.Pending, progress.ChunksTotal, progress.ChunksFinished,
            view.RequestedAt, view.FinishedAt,
            failures,
            more ? $"/operations/{operationId}?failuresAfter={failures[^1].Line}&limit={pageSize}" : null);
    }

    private async Task<(List<LineFailure> Page, bool More)> PageAsync(
        BulkOperation operation, OperationProgress progress, int after, int pageSize, CancellationToken cancellationToken)
    {
        var page = new List<LineFailure>();
        foreach (var first in progress.FailureRecords)
        {
            if (first + operation.Settings.LinesPerActivity - 1 <= after)
            {
                continue;
            }

            foreach (var failure in await store.ReadFailuresAsync(operation.OperationId, first, cancellationToken))
            {
                if (failure.Line <= after)
                {
                    continue;
                }

                if (page.Count == pageSize)
                {
                    return (page, true);
                }

                page.Add(failure);
            }
        }

        return (page, false);
    }
}
