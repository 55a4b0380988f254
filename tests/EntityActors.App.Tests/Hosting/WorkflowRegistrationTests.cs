using EntityActors.App.Hosting;
using EntityActors.App.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EntityActors.App.Tests.Hosting;

public class WorkflowRegistrationTests
{
    private static readonly string[] Registered =
    [
        "CartWorkflow", "AccountWorkflow", "InventoryItemWorkflow", "CheckoutWorkflow", "BulkOperationWorkflow", "OperationChunkWorkflow",
        "SendSignalActivity", "SubmitSignalActivity", "PublishMilestoneActivity", "ApplyOperationLinesActivity",
        "CapturePaymentActivity", "VoidPaymentActivity",
    ];

    [Fact]
    public void Each_workflow_and_activity_is_registered_once_without_a_warning()
    {
        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).AddFilter<RecordingLoggerProvider>("Dapr", LogLevel.Trace);
        builder.AddEntityActors();
        var registryType = builder.Services.Single(service => service.ServiceType.Name == "IWorkflowsFactory").ServiceType;
        using var host = builder.Build();

        // The worker's registry, filled as the workflow worker resolves it when the app starts.
        host.Services.GetRequiredService(registryType);

        var registrations = logs.Entries.Where(entry => entry.Category.StartsWith("Dapr.Workflow", StringComparison.Ordinal)).ToList();
        registrations.Should().NotContain(entry => entry.Level >= LogLevel.Warning, "a second registration of a name is warned about");
        foreach (var name in Registered)
        {
            registrations.Should().ContainSingle(entry => entry.Message.Contains($"'{name}'", StringComparison.Ordinal), $"{name} is registered once");
        }
    }
}
