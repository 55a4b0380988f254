using Dapr.Workflow;
using EntityActors.App.Checkouts;

namespace EntityActors.App.Tests.Replay;

/// <summary>The app's workflow classes by the name they are registered (and recorded) under: the class name.</summary>
internal static class AppWorkflows
{
    public static IReadOnlyDictionary<string, Type> ByName { get; } = typeof(CheckoutWorkflow).Assembly.GetTypes()
        .Where(type => type is { IsAbstract: false, IsClass: true } && typeof(IWorkflow).IsAssignableFrom(type))
        .ToDictionary(type => type.Name, StringComparer.Ordinal);

    public static IWorkflow Create(string name) =>
        ByName.TryGetValue(name, out var type)
            ? (IWorkflow)Activator.CreateInstance(type)!
            : throw new InvalidOperationException($"The app has no workflow '{name}'; it has {string.Join(", ", ByName.Keys)}.");
}
