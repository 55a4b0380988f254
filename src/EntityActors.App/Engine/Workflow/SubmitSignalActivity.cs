using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Telemetry;

namespace EntityActors.App.Engine.Workflow;

/// <summary>
/// Sends a signal to an entity and returns its receipt: how an entity workflow signals itself (an idle cart its
/// <c>expire</c>). Idempotent through the command's key.
/// </summary>
public sealed class SubmitSignalActivity(SignalSender sender, ILogger<SubmitSignalActivity> logger) : WorkflowActivity<SignalCommand, SignalReceipt>
{
    public override async Task<SignalReceipt> RunAsync(WorkflowActivityContext context, SignalCommand input)
    {
        var target = new EntityAddress(input.Kind, input.EntityId);
        using var span = EntityTelemetry.StartForSignals("submit-signal", target, []);
        using var scope = logger.BeginEntity(target);
        try
        {
            var receipt = (await sender.SubmitAsync(input)).Receipt;
            EntityTelemetry.SetSignals(span, [receipt.SignalId]);
            return receipt;
        }
        catch (Exception ex)
        {
            EntityTelemetry.Fail(span, ex);
            throw;
        }
    }
}
