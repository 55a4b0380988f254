using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EntityActors.App.Operations;

/// <summary>Registration of bulk operations: options, intake, store, reader, and the idle-cart source seam.</summary>
public static class OperationsHosting
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<OperationOptions>().BindConfiguration(OperationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BulkRequestReader>();
        services.AddSingleton<OperationStore>();
        services.AddSingleton<OperationStarter>();
        services.AddSingleton<OperationReader>();
        services.AddSingleton<LineGuards>();
        services.TryAddSingleton<IIdleCartSource, NoIdleCartSource>();
        return services;
    }

    public static void RegisterOperationWorkflows(this WorkflowRuntimeOptions options)
    {
        options.RegisterWorkflow<BulkOperationWorkflow>();
        options.RegisterWorkflow<OperationChunkWorkflow>();
        options.RegisterActivity<ApplyOperationLinesActivity>();
    }
}
