namespace EntityActors.LocalRuntime;

/// <summary>The <c>dotnet</c> host that starts an app: the one this process's SDK runs, else the one on PATH.</summary>
public static class DotnetHost
{
    /// <param name="configured">A host named outright, which wins.</param>
    public static string Resolve(string? configured = null)
    {
        if (configured is not null)
        {
            return configured;
        }

        // The dotnet CLI sets DOTNET_HOST_PATH for what it runs (tests, `dotnet run`); prefer the same SDK's host.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
