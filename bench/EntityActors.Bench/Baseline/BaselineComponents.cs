using System.Text.RegularExpressions;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.Baseline;

/// <summary>
/// The bare baseline's component folder: its state store (and the secret store it reads a connection string from),
/// scoped to the baseline's app id, in a temporary folder deleted on dispose.
/// </summary>
public sealed partial class BaselineComponents : IDisposable
{
    // The state store and, where the store's connection string is a secret, the secret store it reads it from.
    private static readonly string[] ServerStoreFiles = ["statestore.yaml", "secretstore.yaml"];

    private BaselineComponents(DirectoryInfo folder) => Folder = folder;

    public DirectoryInfo Folder { get; }

    /// <summary>
    /// The same store as the product's. SQLite: <c>components/local</c>'s settings, relative to daprd's own data folder.
    /// A server store: <c>components/&lt;store&gt;</c>'s <c>statestore.yaml</c> (and <c>secretstore.yaml</c> when it
    /// has one) as they are, scoped to <paramref name="appId"/>; the local runtime then points them at the servers it
    /// starts (Redis address, PostgreSQL connection string in the sidecar's environment) as it does for the product.
    /// </summary>
    public static BaselineComponents Write(LocalStore store, string appId)
    {
        var folder = Directory.CreateTempSubdirectory("entityactors-bench-components-");
        if (store is LocalStore.Sqlite)
        {
            File.WriteAllText(Path.Combine(folder.FullName, "statestore.yaml"), $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: statestore
                spec:
                  type: state.sqlite
                  version: v1
                  metadata:
                    - name: connectionString
                      value: "baseline-state.db"
                    - name: actorStateStore
                      value: "true"
                    - name: timeout
                      value: "20s"
                    - name: busyTimeout
                      value: "5s"
                scopes:
                  - {appId}
                """);
            return new BaselineComponents(folder);
        }

        var source = Path.Combine(RepositoryRoot.Find(), "components", store.ComponentsFolder());
        foreach (var name in ServerStoreFiles.Where(name => File.Exists(Path.Combine(source, name))))
        {
            var text = ProductScope().Replace(File.ReadAllText(Path.Combine(source, name)), "${indent}" + appId);
            File.WriteAllText(Path.Combine(folder.FullName, name), text);
        }

        return new BaselineComponents(folder);
    }

    public void Dispose()
    {
        try
        {
            Folder.Delete(recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    // The scope line of components/<store>: "  - entityactors".
    [GeneratedRegex(@"^(?<indent>\s*-\s*)entityactors\s*$", RegexOptions.Multiline)]
    private static partial Regex ProductScope();
}
