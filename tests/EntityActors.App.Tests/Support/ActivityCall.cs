using Dapr.Workflow;

namespace EntityActors.App.Tests.Support;

internal sealed record ActivityCall(string Name, object? Input, WorkflowTaskOptions? Options);
