using System.Reflection;
using System.Runtime.Versioning;

namespace EntityActors.LocalRuntime;

/// <summary>Everything an environment needs resolved before it starts a process: programs, paths, ports.</summary>
internal sealed record LocalDaprLayout
{
    private const string AppAssemblyName = "EntityActors.App.dll";

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    public required DaprBinaries Binaries { get; init; }

    public required string DotnetHost { get; init; }

    /// <summary>The app's dll; null when the environment runs no app.</summary>
    public required string? AppAssembly { get; init; }

    public required string ResourcesPath { get; init; }

    public required string DataDirectory { get; init; }

    /// <summary>True when this environment created <see cref="DataDirectory"/> and so may delete it.</summary>
    public required bool DataDirectoryIsTemporary { get; init; }

    public static async Task<LocalDaprLayout> ResolveAsync(
        LocalDaprEnvironmentOptions options, CancellationToken cancellationToken)
    {
        var binaries = options.DaprBinDirectory is { } binDirectory
            ? DaprBinaries.FromDirectory(binDirectory)
            : await DaprBinaries.ResolveAsync(cancellationToken);
        var appAssembly = options.RunApp ? ResolveAppAssembly(options.AppAssemblyPath) : null;
        var resources = Path.GetFullPath(options.ResourcesPath ?? Path.Combine(RepositoryRoot.Find(), "components", options.Store.ComponentsFolder()));
        if (!Directory.Exists(resources))
        {
            throw new DirectoryNotFoundException($"Dapr resources folder '{resources}' does not exist.");
        }

        var temporary = options.DataDirectory is null;
        var dataDirectory = temporary
            ? Directory.CreateTempSubdirectory("entityactors-dapr-").FullName
            : Directory.CreateDirectory(options.DataDirectory!).FullName;

        return new LocalDaprLayout
        {
            Binaries = binaries,
            DotnetHost = EntityActors.LocalRuntime.DotnetHost.Resolve(options.DotnetHostPath),
            AppAssembly = appAssembly,
            ResourcesPath = resources,
            DataDirectory = dataDirectory,
            DataDirectoryIsTemporary = temporary,
        };
    }

    private static string ResolveAppAssembly(string? configured)
    {
        if (configured is not null)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"The app assembly '{configured}' does not exist.", configured);
        }

        var bin = Path.Combine(RepositoryRoot.Find(), "src", "EntityActors.App", "bin");
        var framework = TargetFrameworkMoniker();
        IEnumerable<string> otherConfigurations = Directory.Exists(bin)
            ? Directory.EnumerateDirectories(bin).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];
        var candidates = otherConfigurations
            .Where(configuration => configuration != BuildConfiguration)
            .Prepend(BuildConfiguration)
            .Select(configuration => Path.Combine(bin, configuration, framework, AppAssemblyName))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The app is not built: none of {string.Join(", ", candidates)} exists. " +
                "Run `dotnet build src/EntityActors.App` (or build the solution) first.");
    }

    // The app targets the framework this project does (Directory.Build.props sets it for all of them).
    private static string TargetFrameworkMoniker()
    {
        var name = typeof(LocalDaprLayout).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName
            ?? throw new InvalidOperationException("This assembly carries no TargetFrameworkAttribute.");
        var version = new FrameworkName(name).Version;
        return $"net{version.Major}.{version.Minor}";
    }
}
