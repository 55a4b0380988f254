using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Operations;

/// <summary>
/// Sends one slice of an operation's lines through the entities' own intake (<see cref="SignalSender"/>: the same
/// validation, dedup and single writer as HTTP, which decides each signal at intake), all at once so the gateway
/// batches them per entity. Idempotent: each line's key comes from the operation and the line number, so a retried call
/// is answered with the original receipts and outcomes. Rejections and unmet guards are line failures, stored for
/// <c>GET /operations/{id}</c>; a line the intake could not take fails the call (to be retried), except on the final attempt.
/// </summary>
public sealed class ApplyOperationLinesActivity(
    OperationStore store, LineGuards guards, SignalSender sender, ILogger<ApplyOperationLinesActivity> logger)
    : WorkflowActivity<OperationSlice, SliceResult>
{
    public override async Task<SliceResult> RunAsync(WorkflowActivityContext context, OperationSlice input)
    {
        var operation = input.Operation;
        var chunk = OperationChunks.Chunk(input.Chunk, operation.Lines, operation.Settings.ChunkLines);
        var lines = (await store.ReadLinesAsync(operation.OperationId, input.Chunk, CancellationToken.None))
            .Skip(input.Lines.First - chunk.First)
            .Take(input.Lines.Count)
            .ToList();
        var failures = (await Task.WhenAll(lines.GroupBy(line => line.EntityId, StringComparer.Ordinal).Select(entity => ApplyAsync(operation, [.. entity], input.FinalAttempt))))
            .SelectMany(entityFailures => entityFailures)
            .OrderBy(failure => failure.Line)
            .ToList();
        if (failures.Count > 0)
        {
            await store.SaveFailuresAsync(operation.OperationId, input.Lines.First, failures, CancellationToken.None);
        }

        logger.LogSliceApplied(operation.OperationId, input.Lines.First, input.Lines.Last, lines.Count - failures.Count, failures.Count);
        return new SliceResult(lines.Count - failures.Count, failures.Count, failures.Count > 0 ? input.Lines.First : null);
    }

    /// <summary>
    /// One entity's lines: the guard is checked once, then the lines are handed to the intake in line order without
    /// waiting in between, so the gateway takes them as one batch and the entity applies them in that order.
    /// </summary>
    private async Task<IEnumerable<LineFailure>> ApplyAsync(BulkOperation operation, IReadOnlyList<OperationLine> lines, bool finalAttempt)
    {
        try
        {
            if (await guards.CheckAsync(operation, lines[0].EntityId, CancellationToken.None) is { } refused)
            {
                return lines.Select(line => new LineFailure(line.Line, line.EntityId, refused.Code, refused.Reason));
            }
        }
        catch (Exception ex) when (finalAttempt)
        {
            return lines.Select(line => Unconfirmed(operation, line, ex));
        }

        var sent = lines.Select(line => SendOrReportAsync(operation, line, finalAttempt)).ToList();
        return (await Task.WhenAll(sent)).OfType<LineFailure>();
    }

    private async Task<LineFailure?> SendOrReportAsync(BulkOperation operation, OperationLine line, bool finalAttempt)
    {
        try
        {
            return await SendAsync(operation, line);
        }
        catch (PermanentSignalException ex)
        {
            return new LineFailure(line.Line, line.EntityId, LineFailureCodes.InvalidSignal, ex.Message);
        }
        catch (Exception ex) when (finalAttempt)
        {
            return Unconfirmed(operation, line, ex);
        }
    }

    private LineFailure Unconfirmed(BulkOperation operation, OperationLine line, Exception ex)
    {
        logger.LogLineUnconfirmed(operation.OperationId, line.Line, line.EntityId, ex.Message);
        return new LineFailure(line.Line, line.EntityId, LineFailureCodes.Unconfirmed, $"Its outcome could not be confirmed: {ex.Message}");
    }

    /// <summary>
    /// An idle cart's expiry also carries the idle time in the signal: the guard was checked before the send, and a cart
    /// active in between then refuses in its own turn (<c>cart-active</c>) instead of being expired anyway.
    /// </summary>
    private static JsonElement Body(BulkOperation operation, OperationLine line) =>
        operation is { Guard.IdleSince: { } since } && operation.EntityKind == Cart.Kind && operation.Signal == "expire"
            ? JsonSerializer.SerializeToElement(new ExpireCart(since), EntityJson.Options)
            : line.Body;

    private async Task<LineFailure?> SendAsync(BulkOperation operation, OperationLine line)
    {
        // The guard read the entity before the send; an erase landing in between is caught in the writer's turn (SignalSender).
        var command = new SignalCommand(operation.EntityKind, line.EntityId, operation.Signal, Body(operation, line), operation.IdempotencyKey(line.Line));
        var receipt = (await sender.SubmitAsync(command)).Receipt;
        return receipt switch
        {
            { KeyReused: true } => new LineFailure(line.Line, line.EntityId, LineFailureCodes.KeyReused, $"{KeyReuse.Describe(receipt, command.Signal)}."),
            { Outcome: { Rejection: { } rejection } } => new LineFailure(line.Line, line.EntityId, rejection.Code, rejection.Reason),
            { Outcome: not null } => null,
            _ => new LineFailure(line.Line, line.EntityId, LineFailureCodes.Unconfirmed, $"Sent before as sequence {receipt.Sequence}; its outcome is no longer kept."),
        };
    }
}
