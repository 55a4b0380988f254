using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace EntityActors.Analyzers.Tests.Support;

/// <summary>
/// The assemblies the test compilations reference: every managed assembly this test host trusts, that is the .NET and
/// ASP.NET Core frameworks the app targets, Dapr.Workflow and the app's other dependencies. Nothing is downloaded.
/// </summary>
internal static class TestReferences
{
    // The app's own binary would clash with its sources, which AppWorkflowSourceTests compiles.
    private static readonly string[] Excluded = ["EntityActors.App", "EntityActors.Analyzers.Tests"];

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The test host lists no trusted platform assemblies.");
        return
        [
            .. trusted.Split(Path.PathSeparator)
                .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Where(path => !Excluded.Contains(Path.GetFileNameWithoutExtension(path)))
                .Select(path => MetadataReference.CreateFromFile(path)),
        ];
    }
}
