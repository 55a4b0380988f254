namespace EntityActors.Deploy.Tests.Support;

/// <summary>Where the files under test live: found from the test assembly by walking up to the solution file.</summary>
internal static class RepositoryLayout
{
    private const string SolutionFile = "EntityActors.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string Kustomization(string relative) => Path.Combine(Deploy, relative);

    public static string ComponentsLocal => Path.Combine(Root, "components", "local");

    public static string ComponentsRedis => Path.Combine(Root, "components", "redis");

    public static string ComponentsPostgres => Path.Combine(Root, "components", "postgres");

    public static string TyeFile => Path.Combine(Root, "tye.yaml");

    public static string DaprRunFile => Path.Combine(Root, "dapr.yaml");

    public static string AppSettings => Path.Combine(Root, "src", "EntityActors.App", "appsettings.json");

    public static string LaunchSettings => Path.Combine(Root, "src", "EntityActors.App", "Properties", "launchSettings.json");

    /// <summary>The read-only <c>shared/k8s</c> folder laid beside the repository (kube-apiserver, etcd, Dapr CRDs).</summary>
    public static string SharedKubernetes => Path.GetFullPath(Path.Combine(Root, "..", "shared", "k8s"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} found above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
