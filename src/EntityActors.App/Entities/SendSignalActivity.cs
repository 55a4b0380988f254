using System.Text.Json;
using Dapr.Workflow;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Entities;

/// <summary>
/// Sends one signal to an entity and waits for its answer. Idempotent: the command's key makes a retried
/// attempt a duplicate, which is answered with the original outcome. Transport faults and missing answers
/// throw (the caller's retry policy retries them); business rejections return as results, never retried.
/// </summary>
public sealed class SendSignalActivity(SignalSender sender, EntityReader reader, IOptions<SignalOptions> options)
    : WorkflowActivity<SignalCommand, SignalResult>
{
    public override async Task<SignalResult> RunAsync(WorkflowActivityContext context, SignalCommand input)
    {
        var (address, receipt) = await sender.SubmitAsync(input);
        var timeout = options.Value.AnswerTimeout;
        var (outcome, _) = await reader.WaitForOutcomeAsync<JsonElement>(address, receipt.Sequence, timeout, CancellationToken.None);
        return outcome is null
            ? throw new TimeoutException($"{input} (sequence {receipt.Sequence}) was not answered within {timeout}.")
            : new SignalResult(outcome.Accepted, outcome.Rejection?.Code, outcome.Rejection?.Reason, outcome.Version);
    }
}
