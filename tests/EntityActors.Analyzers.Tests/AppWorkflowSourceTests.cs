using EntityActors.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EntityActors.Analyzers.Tests;

/// <summary>The guard over the app's real workflow sources, read from the repository as they are now.</summary>
public sealed class AppWorkflowSourceTests
{
    // A partial method a source generator implements ([LoggerMessage], [GeneratedRegex]); generators do not run here.
    private const string GeneratorImplementsIt = "CS8795";

    [Fact]
    public async Task The_apps_workflow_classes_compile_here_and_pass_the_guard()
    {
        var compilation = AppSources.Compilation;

        var workflows = ClockReadInjection.WorkflowClasses(compilation);
        var diagnostics = await AppSources.AnalyzeAsync(compilation, includeCompilerErrors: true);

        workflows.Keys.Should().Contain(["CartWorkflow", "AccountWorkflow", "InventoryItemWorkflow", "CheckoutWorkflow"]);
        workflows.Values.Should().Contain(declaration => declaration.Modifiers.Any(SyntaxKind.AbstractKeyword) && declaration.TypeParameterList != null,
            "the entity workflows share an abstract generic base, which is workflow code too");
        diagnostics.Where(d => d.Id != GeneratorImplementsIt).Select(d => d.ToString()).Should().BeEmpty(
            "the app's sources compile against the test host's references, and its workflows are deterministic");
    }

    [Fact]
    public async Task A_clock_read_added_to_each_of_the_apps_workflow_classes_is_reported_in_each_and_nowhere_else()
    {
        var original = AppSources.Compilation;
        var workflows = ClockReadInjection.WorkflowClasses(original);
        var injected = AppSources.Compile(ClockReadInjection.Inject(original, workflows.Values));

        var diagnostics = await AppSources.AnalyzeAsync(injected, includeCompilerErrors: false);

        diagnostics.Should().AllSatisfy(diagnostic =>
        {
            diagnostic.Id.Should().Be("EA0001");
            diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan).Should().Be(ClockReadInjection.ClockRead);
        });
        diagnostics.Select(ContainingClass).Should().BeEquivalentTo(workflows.Keys, "one clock read was added to each workflow class");
    }

    private static string ContainingClass(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan)
            .AncestorsAndSelf().OfType<ClassDeclarationSyntax>().First().Identifier.Text;
}
