using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace EntityActors.Analyzers.Tests.Support;

/// <summary>
/// Runs <see cref="WorkflowDeterminismAnalyzer"/> over test code whose expected diagnostics are marked in place,
/// <c>{|EA0001:DateTime.UtcNow|}</c>, and fails on any diagnostic not marked, or marked and missing, or any compiler error.
/// </summary>
internal static partial class Verify
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Dapr.Workflow;

        """;

    /// <param name="behaviors">
    /// The framework also checks that a <c>#pragma warning disable</c> around the whole file silences every diagnostic;
    /// a test with its own pragma and restore skips that check.
    /// </param>
    public static Task AnalyzerAsync(string source, TestBehaviors behaviors = TestBehaviors.None)
    {
        var test = new CSharpAnalyzerTest<WorkflowDeterminismAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            TestBehaviors = behaviors,
            // No reference package to download: the references are the test host's own (TestReferences).
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        return test.RunAsync();
    }

    /// <summary><paramref name="body"/> as the body of a workflow's RunAsync, <paramref name="members"/> beside it.</summary>
    public static Task InWorkflowAsync(string body, string members = "", TestBehaviors behaviors = TestBehaviors.None) => AnalyzerAsync(Usings + $$"""
        public sealed class OrderWorkflow : Workflow<string, string>
        {
            {{members}}

            public override async Task<string> RunAsync(WorkflowContext context, string input)
            {
                {{body}}
                return input;
            }
        }

        {{SharedState}}
        """, behaviors);

    /// <summary>The same code in an activity, with any markup removed: expects no diagnostic.</summary>
    public static Task InActivityAsync(string body, string members = "") => AnalyzerAsync(Usings + $$"""
        public sealed class ChargeActivity : WorkflowActivity<string, string>
        {
            {{WithoutMarkup(members)}}

            public override async Task<string> RunAsync(WorkflowActivityContext context, string input)
            {
                {{WithoutMarkup(body)}}
                return input;
            }
        }

        {{SharedState}}
        """);

    /// <summary>The same code in a class that is neither workflow nor activity, with any markup removed: expects no diagnostic.</summary>
    public static Task InPlainClassAsync(string body, string members = "") => AnalyzerAsync(Usings + $$"""
        public sealed class PriceList
        {
            {{WithoutMarkup(members)}}

            public async Task<string> RunAsync(string input)
            {
                {{WithoutMarkup(body)}}
                return input;
            }
        }

        {{SharedState}}
        """);

    /// <summary>Static state outside any workflow, for the tests of reading and writing it.</summary>
    private const string SharedState = """
        public static class Counters
        {
            public static int Count;
            public static readonly int Fixed = 1;
            public const int Max = 2;
            public static int Total { get; set; }
            public static int Doubled => Fixed * 2;
        }
        """;

    public static string WithoutMarkup(string code) => Markup().Replace(code, string.Empty);

    [GeneratedRegex(@"\{\|EA\d{4}:|\|\}")]
    private static partial Regex Markup();
}
