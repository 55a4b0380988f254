using System.Diagnostics;
using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Telemetry;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// Sends one signal to an entity and returns its answer (the entity's single writer decides at intake). Idempotent: the
/// command's key makes a retried attempt a duplicate, which is answered with the original outcome. Transport faults and
/// missing answers throw (the caller's retry policy retries them); business rejections return as results, never retried.
/// </summary>
public sealed class SendSignalActivity(SignalSender sender, ILogger<SendSignalActivity> logger)
    : WorkflowActivity<SignalCommand, SignalResult>
{
    public override async Task<SignalResult> RunAsync(WorkflowActivityContext context, SignalCommand input)
    {
        var target = new EntityAddress(input.Kind, input.EntityId);
        // A child of the workflow SDK's activity span; the signal sent from here carries this span's context on.
        using var span = EntityTelemetry.StartForSignals("send-signal", target, []);
        using var scope = logger.BeginEntity(target);
        try
        {
            return await SendAsync(input, span);
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            throw;
        }
    }

    private async Task<SignalResult> SendAsync(SignalCommand input, Activity? span)
    {
        var receipt = (await sender.SubmitAsync(input)).Receipt;
        EntityTelemetry.SetSignals(span, [receipt.SignalId]);
        if (receipt.KeyReused)
        {
            // Another sender took the key first: what it was answered says nothing of this send, which was not applied.
            throw new PermanentSignalException($"{input} was refused: its key '{input.IdempotencyKey}' was first used by another sender.");
        }

        return receipt.Outcome is { } outcome
            ? new SignalResult(outcome.Accepted, outcome.Rejection?.Code, outcome.Rejection?.Reason, outcome.Version)
            : throw new InvalidOperationException($"{input} (sequence {receipt.Sequence}) was answered without an outcome.");
    }
}
