using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EntityActors.Analyzers.Tests.Support;

/// <summary>The app's own sources, read from the repository and compiled the way its project does.</summary>
internal static class AppSources
{
    // What the web SDK's implicit usings add to the app (ImplicitUsings in Directory.Build.props).
    private const string WebSdkGlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string AppProjectFolder => Path.Combine(RepositoryRoot, "src", "EntityActors.App");

    /// <summary>The app as it is, compiled once for all the tests that read it.</summary>
    public static CSharpCompilation Compilation => LazyCompilation.Value;

    private static readonly Lazy<CSharpCompilation> LazyCompilation = new(() => Compile(Parse()));

    /// <summary>Every C# file of the app (not its build output), parsed.</summary>
    public static ImmutableArray<SyntaxTree> Parse() =>
    [
        .. Directory.EnumerateFiles(AppProjectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions, path)),
    ];

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "EntityActors.App",
            [CSharpSyntaxTree.ParseText(WebSdkGlobalUsings, ParseOptions, "GlobalUsings.g.cs"), .. trees],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The guard's diagnostics, and with <paramref name="includeCompilerErrors"/> the compiler's errors too.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool includeCompilerErrors)
    {
        var analysis = compilation.WithAnalyzers([new WorkflowDeterminismAnalyzer()]);
        var diagnostics = includeCompilerErrors ? await analysis.GetAllDiagnosticsAsync() : await analysis.GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    private static bool IsBuildOutput(string path)
    {
        var relative = Path.GetRelativePath(AppProjectFolder, path).Split(Path.DirectorySeparatorChar);
        return relative[0] is "bin" or "obj";
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EntityActors.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No EntityActors.sln above {AppContext.BaseDirectory}.");
    }
}
