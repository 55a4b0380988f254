using System.Runtime.InteropServices;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.Restate;

/// <summary>
/// Where the Restate side comes from: <c>bench/restate</c> (the virtual objects, in JavaScript) with its npm packages
/// installed by <c>npm ci</c> (the server binary ships inside <c>@restatedev/restate-server-&lt;platform&gt;</c>), and
/// <c>node</c> from the PATH.
/// </summary>
public sealed record RestateInstallation(string ServiceDirectory, string Server, string Node)
{
    public const string ServiceScript = "service.mjs";
    public const string Polyfill = "polyfill.mjs";

    private const string InstallCommand = "npm ci --no-audit --no-fund";

    /// <summary>Finds the installed packages and node.</summary>
    /// <exception cref="InvalidOperationException">Something is missing; the message says how to install it (and, under CI, that it must be).</exception>
    public static RestateInstallation Resolve()
    {
        var root = RepositoryRoot.Find();
        var directory = Path.Combine(root, "bench", "restate");
        var server = Path.Combine(directory, "node_modules", "@restatedev", $"restate-server-{Platform()}", "bin", "restate-server");
        var sdk = Path.Combine(directory, "node_modules", "@restatedev", "restate-sdk", "package.json");
        var node = FindOnPath("node");
        var missing = new List<string>();
        if (node is null)
        {
            missing.Add("node (Node.js 20 or later) is not on the PATH");
        }

        if (!File.Exists(server) || !File.Exists(sdk))
        {
            missing.Add($"the npm packages are not installed in {directory} (no {(File.Exists(server) ? sdk : server)})");
        }

        if (missing.Count == 0)
        {
            return new RestateInstallation(directory, server, node!);
        }

        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        throw new InvalidOperationException(
            $"Restate is not installed: {string.Join("; ", missing)}. " +
            (ci
                ? $"CI=true: .ci/run must install it ({InstallCommand} in bench/restate); the bench does not run without its Restate side."
                : $"Install it with `cd bench/restate && {InstallCommand}` (node and npm needed; it fetches @restatedev/restate-server and @restatedev/restate-sdk)."));
    }

    /// <summary>The installed versions of the server and the SDK, as their package.json files say (recorded with the figures).</summary>
    public string Versions() =>
        $"restate-server {PackageVersion("restate-server")}, restate-sdk {PackageVersion("restate-sdk")}";

    private string PackageVersion(string package)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ServiceDirectory, "node_modules", "@restatedev", package, "package.json")));
            return json.RootElement.GetProperty("version").GetString() ?? "unknown";
        }
        catch (Exception exception) when (exception is IOException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            return "unknown";
        }
    }

    private static string Platform()
    {
        var os = OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var architecture = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        return $"{os}-{architecture}";
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
