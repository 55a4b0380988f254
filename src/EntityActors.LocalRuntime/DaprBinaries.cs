using System.Diagnostics;

namespace EntityActors.LocalRuntime;

/// <summary>The folder holding the Dapr runtime programs (<c>daprd</c>, <c>placement</c>, <c>scheduler</c>).</summary>
public sealed class DaprBinaries
{
    /// <summary>Environment variable naming a folder that already holds the binaries.</summary>
    public const string BinDirectoryVariable = "DAPR_BIN";

    /// <summary>Environment variable naming where the shared install script unpacks the binaries.</summary>
    public const string InstallDirectoryVariable = "DAPR_INSTALL_DIR";

    // Unpacking ~230 MB with xz takes a few seconds; this only bounds a wedged script.
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] ProgramNames = ["daprd", "placement", "scheduler"];

    private DaprBinaries(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder holding the three programs.</summary>
    public string Directory { get; }

    /// <summary>Path of the sidecar.</summary>
    public string Daprd => Program("daprd");

    /// <summary>Path of the actor placement service.</summary>
    public string Placement => Program("placement");

    /// <summary>Path of the scheduler service (embedded etcd).</summary>
    public string Scheduler => Program("scheduler");

    /// <summary>The default install folder, the one <c>dapr init --slim</c> fills.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dapr", "bin");

    /// <summary>Uses <paramref name="directory"/> when it holds all three programs.</summary>
    /// <exception cref="InvalidOperationException">A program is missing.</exception>
    public static DaprBinaries FromDirectory(string directory)
    {
        var missing = Missing(directory);
        return missing.Count == 0
            ? new DaprBinaries(Path.GetFullPath(directory))
            : throw new InvalidOperationException(
                $"'{directory}' lacks the Dapr program(s) {string.Join(", ", missing)}.");
    }

    /// <summary>
    /// Resolves the binaries as the project's machines provide them: <c>DAPR_BIN</c> if set; else the shared
    /// <c>install</c> script beside the repository (<c>&lt;repo&gt;/../shared/dapr/install</c>), unpacking into
    /// <c>DAPR_INSTALL_DIR</c> or <see cref="DefaultDirectory"/>; else <see cref="DefaultDirectory"/> if it already
    /// holds them.
    /// </summary>
    /// <exception cref="InvalidOperationException">No source yields the binaries; the message says how to get them.</exception>
    public static async Task<DaprBinaries> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var fromVariable = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            // An explicit choice that is wrong must not be papered over by another copy.
            var missing = Missing(fromVariable);
            return missing.Count == 0
                ? new DaprBinaries(Path.GetFullPath(fromVariable))
                : throw new InvalidOperationException(
                    $"{BinDirectoryVariable} is '{fromVariable}', but it lacks {string.Join(", ", missing)}. " +
                    $"Point {BinDirectoryVariable} at a folder holding daprd, placement and scheduler (1.18.1).");
        }

        var attempts = new List<string> { $"{BinDirectoryVariable} is not set" };
        var installDirectory = Environment.GetEnvironmentVariable(InstallDirectoryVariable) is { Length: > 0 } chosen
            ? chosen
            : DefaultDirectory;
        var script = InstallScriptPath();
        if (script is null)
        {
            attempts.Add("no shared/dapr/install script beside the repository");
        }
        else
        {
            var (installed, problem) = await RunInstallScriptAsync(script, installDirectory, cancellationToken);
            if (installed is not null && Missing(installed).Count == 0)
            {
                return new DaprBinaries(Path.GetFullPath(installed));
            }

            attempts.Add(problem ?? $"'{script}' printed '{installed}', which lacks the programs");
        }

        if (Missing(DefaultDirectory).Count == 0)
        {
            return new DaprBinaries(DefaultDirectory);
        }

        attempts.Add($"'{DefaultDirectory}' lacks them");
        throw new InvalidOperationException(
            "Dapr runtime binaries (daprd, placement, scheduler) not found: " + string.Join("; ", attempts) + ". " +
            $"Install them with `dapr init --slim` (fills {DefaultDirectory}), run shared/dapr/install, " +
            $"or set {BinDirectoryVariable} to a folder that holds them.");
    }

    private string Program(string name) => Path.Combine(Directory, ExecutableName(name));

    private static string ExecutableName(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static List<string> Missing(string directory) =>
        ProgramNames.Where(name => !File.Exists(Path.Combine(directory, ExecutableName(name)))).ToList();

    private static string? InstallScriptPath()
    {
        var root = RepositoryRoot.TryFind();
        if (root is null)
        {
            return null;
        }

        var script = Path.GetFullPath(Path.Combine(root, "..", "shared", "dapr", "install"));
        return File.Exists(script) ? script : null;
    }

    private static async Task<(string? Directory, string? Problem)> RunInstallScriptAsync(
        string script, string installDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(installDirectory);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        Process process;
        try
        {
            process = Process.Start(startInfo)
                ?? throw new InvalidOperationException("Process.Start returned no process.");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"could not run '{script}' with bash: {exception.Message}");
        }

        using (process)
        {
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                var printed = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return process.ExitCode == 0 && printed.Length > 0
                    ? (printed[^1], null)
                    : (null, $"'{script}' exited with code {process.ExitCode}: {(await stderr).Trim()}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"'{script}' did not finish within {InstallTimeout}");
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }
}
