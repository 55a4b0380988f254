using System.Diagnostics;
using System.Text;

namespace EntityActors.Analyzers.Tests.Support;

/// <summary>Runs <c>dotnet build</c> on a project outside the repository, as a developer or CI would.</summary>
internal static class DotnetBuild
{
    // The test host runs inside an SDK command; these would point the child build at that command's MSBuild.
    private static readonly string[] InheritedBuildVariables = ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly"];

    // A hang guard, not a speed requirement: a tiny project, on a loaded 2-core machine.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    public static async Task<(int ExitCode, string Output)> RunAsync(string projectFolder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No build server or node left running after the test; the project must restore with nothing to download.
        foreach (var argument in new[] { "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in InheritedBuildVariables)
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var reading = Task.WhenAll(CopyAsync(process.StandardOutput, output), CopyAsync(process.StandardError, output));
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build did not finish within {HangGuard}:\n{output}");
        }

        await reading;
        return (process.ExitCode, output.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
