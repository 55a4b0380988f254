using System.Xml.Linq;
using EntityActors.Analyzers.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.Analyzers.Tests;

/// <summary>The guard is in the real build: the app references it as an analyzer, and the compiler fails a build on it.</summary>
public sealed class BuildWiringTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo project = Directory.CreateTempSubdirectory("determinism-guard-");

    [Fact]
    public void The_app_project_references_the_guard_as_an_analyzer_only()
    {
        var appProject = XDocument.Load(Path.Combine(AppSources.AppProjectFolder, "EntityActors.App.csproj"));
        // The app's references live in the props file it imports (shared with the baseline build).
        var imported = appProject.Descendants("Import")
            .Select(element => (string)element.Attribute("Project")!)
            .Select(path => XDocument.Load(Path.Combine(AppSources.AppProjectFolder, path)));

        var reference = imported.Prepend(appProject).SelectMany(project => project.Descendants("ProjectReference"))
            .SingleOrDefault(element => ((string?)element.Attribute("Include"))?.EndsWith("EntityActors.Analyzers.csproj", StringComparison.Ordinal) == true);

        reference.Should().NotBeNull("the app's build is what the guard guards");
        ((string?)reference!.Attribute("OutputItemType")).Should().Be("Analyzer");
        ((string?)reference.Attribute("ReferenceOutputAssembly")).Should().Be("false");
    }

    [Fact]
    public async Task Dotnet_build_fails_on_a_clock_read_in_a_workflow_and_accepts_the_same_read_in_an_activity()
    {
        WriteProject(typeof(WorkflowDeterminismAnalyzer).Assembly.Location);

        var (exitCode, log) = await DotnetBuild.RunAsync(project.FullName);
        output.WriteLine(log);

        exitCode.Should().NotBe(0);
        log.Should().Contain("ShopWorkflow.cs(9,13): error EA0001: 'DateTime.UtcNow' reads the machine clock");
        log.Split('\n').Where(line => line.Contains("error EA", StringComparison.Ordinal)).Select(line => line.Trim())
            .Distinct().Should().ContainSingle("the activity's clock read is allowed");
    }

    public void Dispose() => project.Delete(recursive: true);

    private void WriteProject(string analyzerPath)
    {
        // Stop MSBuild from importing anything of the folders above the temporary one.
        foreach (var stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            Write(stop, "<Project />");
        }

        Write("Shop.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{analyzerPath}" />
              </ItemGroup>
            </Project>
            """);
        // Dapr's base types by name only, so this build downloads nothing: the guard matches them by name too.
        Write("Dapr.cs", """
            namespace Dapr.Workflow;

            public abstract class Workflow<TInput, TOutput>
            {
                public abstract System.Threading.Tasks.Task<TOutput> RunAsync(TInput input);
            }
            """);
        Write("ShopWorkflow.cs", """
            using System;
            using System.Threading.Tasks;

            public sealed class ShopWorkflow : Dapr.Workflow.Workflow<string, string>
            {
                public override Task<string> RunAsync(string input)
                {
                    var stamp =
                        DateTime.UtcNow;
                    return Task.FromResult(input + stamp.Ticks);
                }
            }

            public sealed class ShopActivity
            {
                public string Stamp() => DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
            """);
    }

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(project.FullName, name), content);
}
