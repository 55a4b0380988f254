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
/// Sends one signal to an entity and waits for its answer. Idempotent: the command's key makes a retried
/// attempt a duplicate, which is answered with the original outcome. Transport faults and missing answers
/// throw (the caller's retry policy retries them); business rejections return as results, never retried.
/// </summary>
public sealed class SendSignalActivity(SignalSender sender, EntityReader reader, IOptions<SignalOptions> options, ILogger<SendSignalActivity> logger)
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
        var (address, receipt) = await sender.SubmitAsync(input);
        EntityTelemetry.SetSignals(span, [receipt.SignalId]);
        var timeout = options.Value.AnswerTimeout;
        var (outcome, _) = await reader.WaitForOutcomeAsync<JsonElement>(address, receipt.Sequence, timeout, CancellationToken.None);
        return outcome is null
            ? throw new TimeoutException($"{input} (sequence {receipt.Sequence}) was not answered within {timeout}.")
            : new SignalResult(outcome.Accepted, outcome.Rejection?.Code, outcome.Rejection?.Reason, outcome.Version);
    }
}
