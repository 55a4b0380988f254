using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests.Versioning;

/// <summary>The two builds of the app a deployment test runs: before the workflow patches, and as it is.</summary>
public static class AppBuilds
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary><c>tests/EntityActors.App.Baseline</c>'s output: the app as built before the patches.</summary>
    public static string Baseline() => Existing("tests", "EntityActors.App.Baseline");

    /// <summary><c>src/EntityActors.App</c>'s output.</summary>
    public static string Current() => Existing("src", "EntityActors.App");

    private static string Existing(string folder, string project)
    {
        var path = Path.Combine(RepositoryRoot.Find(), folder, project, "bin", Configuration, "net10.0", "EntityActors.App.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built ({path} is missing): build the solution first.", path);
    }
}
