using EntityActors.Analyzers.Tests.Support;

namespace EntityActors.Analyzers.Tests.Rules;

/// <summary>Activities and ordinary classes may do all of it: that is where the clock, ids and I/O belong.</summary>
public sealed class NotWorkflowCodeTests
{
    [Theory]
    [MemberData(nameof(ForbiddenSnippets.Bodies), MemberType = typeof(ForbiddenSnippets))]
    public Task The_calls_a_workflow_may_not_make_are_not_flagged_in_an_activity(string rule, string body)
    {
        _ = rule;
        return Verify.InActivityAsync(body, ForbiddenSnippets.StaticStateDeclaration);
    }

    [Theory]
    [MemberData(nameof(ForbiddenSnippets.Bodies), MemberType = typeof(ForbiddenSnippets))]
    public Task The_calls_a_workflow_may_not_make_are_not_flagged_in_a_plain_class(string rule, string body)
    {
        _ = rule;
        return Verify.InPlainClassAsync(body, ForbiddenSnippets.StaticStateDeclaration);
    }

    [Fact]
    public Task A_class_deriving_from_a_Workflow_type_of_another_namespace_is_not_a_workflow() => Verify.AnalyzerAsync("""
        using System;

        namespace Elsewhere
        {
            public abstract class Workflow<TInput, TOutput>
            {
            }

            public sealed class ReportWorkflow : Workflow<string, string>
            {
                public DateTime Stamp() => DateTime.UtcNow;
            }
        }
        """);
}
