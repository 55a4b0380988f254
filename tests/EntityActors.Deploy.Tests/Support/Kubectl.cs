using System.Collections.Concurrent;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>The machine's kubectl (override with <c>KUBECTL</c>); kustomize is built into it.</summary>
internal static class Kubectl
{
    // The files do not change during a run: render each kustomization once, parse it afresh per test.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Renderings = new(StringComparer.Ordinal);

    public static string Executable => Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } path ? path : "kubectl";

    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null) =>
        CommandRunner.RunAsync(Executable, arguments, standardInput);

    /// <summary><c>kubectl kustomize</c>: renders a kustomization offline, with no cluster involved.</summary>
    public static Task<string> RenderAsync(string kustomization) =>
        Renderings.GetOrAdd(kustomization, key => new Lazy<Task<string>>(() => RenderUncachedAsync(key))).Value;

    private static async Task<string> RenderUncachedAsync(string kustomization)
    {
        var result = await RunAsync(["kustomize", RepositoryLayout.Kustomization(kustomization)]);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"kustomize could not render deploy/{kustomization}:{Environment.NewLine}{result}");
        }

        return result.StandardOutput;
    }
}
