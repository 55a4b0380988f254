using EntityActors.LocalRuntime;

namespace EntityActors.Replay.Recorder;

/// <summary>The builds of the app a recording runs: as it is, and as built before the workflow patches.</summary>
public static class AppBuild
{
    public const string Current = "current";

    /// <summary><c>tests/EntityActors.App.Baseline</c>: its histories are those of instances begun before the patches.</summary>
    public const string Baseline = "baseline";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string AssemblyPath(string build)
    {
        var (folder, project) = build switch
        {
            Current => ("src", "EntityActors.App"),
            Baseline => ("tests", "EntityActors.App.Baseline"),
            _ => throw new ArgumentException($"Unknown build '{build}'.", nameof(build)),
        };
        var path = Path.Combine(RepositoryRoot.Find(), folder, project, "bin", Configuration, "net10.0", "EntityActors.App.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built: {path} is missing.", path);
    }
}
