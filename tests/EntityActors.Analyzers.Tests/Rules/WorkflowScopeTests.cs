using EntityActors.Analyzers.Tests.Support;

namespace EntityActors.Analyzers.Tests.Rules;

/// <summary>What counts as workflow code, and what a workflow may use instead.</summary>
public sealed class WorkflowScopeTests
{
    [Fact]
    public Task The_workflow_context_replacements_and_pure_helpers_are_not_flagged() => Verify.InWorkflowAsync("""
        var now = context.CurrentUtcDateTime;
        var id = context.NewGuid();
        await context.CreateTimer(TimeSpan.FromSeconds(5));
        var log = context.CreateReplaySafeLogger<OrderWorkflow>();
        var both = await Task.WhenAll(context.CallActivityAsync<string>("Charge", input), context.CallActivityAsync<string>("Ship", input));
        var name = nameof(DateTime.UtcNow) + nameof(Guid.NewGuid);
        var type = typeof(Random);
        var zero = TimeSpan.Zero + TimeSpan.FromSeconds(1);
        var parsed = DateTime.Parse("2026-01-01", System.Globalization.CultureInfo.InvariantCulture);
        using var reader = new System.IO.StreamReader(new System.IO.MemoryStream());
        var path = System.IO.Path.Combine("a", "b");
        var newline = Environment.NewLine + string.Empty;
        """);

    [Fact]
    public Task An_abstract_generic_base_workflow_and_its_indirect_subclasses_are_workflow_code() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Dapr.Workflow;

        public abstract class EntityWorkflow<TState> : Workflow<TState, object?>
        {
            public override async Task<object?> RunAsync(WorkflowContext context, TState input)
            {
                await context.CreateTimer(Due(input) - {|EA0001:DateTime.UtcNow|});
                return null;
            }

            protected abstract DateTime Due(TState state);
        }

        public abstract class TimedWorkflow<TState> : EntityWorkflow<TState>;

        public sealed class CartWorkflow : TimedWorkflow<string>
        {
            protected override DateTime Due(string state) => {|EA0001:DateTime.Now|};
        }
        """);

    [Fact]
    public Task Types_nested_in_a_workflow_lambdas_local_functions_and_field_initializers_are_workflow_code() => Verify.AnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Dapr.Workflow;

        public sealed class CheckoutWorkflow : Workflow<string[], string>
        {
            private readonly Guid instance = {|EA0002:Guid.NewGuid()|};

            public override async Task<string> RunAsync(WorkflowContext context, string[] input)
            {
                var saga = new Saga(context);
                var stamped = input.Select(line => line + {|EA0001:DateTime.UtcNow|}).ToArray();
                return await saga.StepAsync() + Local() + stamped.Length;

                static string Local() => {|EA0002:Guid.NewGuid()|}.ToString();
            }

            private sealed class Saga(WorkflowContext context)
            {
                public async Task<string> StepAsync()
                {
                    await {|EA0005:Task.Delay(100)|};
                    return context.InstanceId;
                }
            }
        }
        """);

    [Fact]
    public Task A_pragma_with_a_justification_suppresses_one_use() => Verify.InWorkflowAsync("""
        #pragma warning disable EA0001 // Only logged, never branched on: replay-safe.
        var loggedAt = DateTime.UtcNow;
        #pragma warning restore EA0001
        var decidedAt = {|EA0001:DateTime.UtcNow|};
        """, behaviors: Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipSuppressionCheck);
}
