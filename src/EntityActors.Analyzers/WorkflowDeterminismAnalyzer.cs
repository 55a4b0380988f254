using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EntityActors.Analyzers;

/// <summary>
/// Fails the build when workflow code (any member of a class derived from Dapr's <c>Workflow&lt;,&gt;</c>, of the types
/// nested in it, and the lambdas and local functions inside them) reads the clock, makes ids or random numbers, starts
/// threads or real timers, does network, file, environment or console I/O, or touches mutable static state. Code the
/// workflow calls in other classes is not followed: keep such helpers pure (the domain's deciders are).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkflowDeterminismAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DeterminismRules.WallClock,
        DeterminismRules.NewGuid,
        DeterminismRules.Randomness,
        DeterminismRules.BackgroundWork,
        DeterminismRules.RealDelay,
        DeterminismRules.ElapsedTime,
        DeterminismRules.Http,
        DeterminismRules.FileSystem,
        DeterminismRules.ProcessEnvironment,
        DeterminismRules.Console,
        DeterminismRules.StaticStateAccess,
        DeterminismRules.StaticStateDeclaration);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockStartAction(OnOperationBlockStart);
        context.RegisterSymbolAction(OnField, SymbolKind.Field);
        context.RegisterSymbolAction(OnProperty, SymbolKind.Property);
    }

    private static void OnOperationBlockStart(OperationBlockStartAnalysisContext context)
    {
        if (!WorkflowTypes.HoldsWorkflowCode(context.OwningSymbol.ContainingType))
        {
            return;
        }

        context.RegisterOperationAction(OnInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(OnMethodReference, OperationKind.MethodReference);
        context.RegisterOperationAction(OnPropertyReference, OperationKind.PropertyReference);
        context.RegisterOperationAction(OnEventReference, OperationKind.EventReference);
        context.RegisterOperationAction(OnFieldReference, OperationKind.FieldReference);
        context.RegisterOperationAction(OnObjectCreation, OperationKind.ObjectCreation);
    }

    private static void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        ReportMemberUse(context, invocation.TargetMethod, invocation.Instance);
    }

    private static void OnMethodReference(OperationAnalysisContext context)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        ReportMemberUse(context, reference.Method, reference.Instance);
    }

    private static void OnEventReference(OperationAnalysisContext context)
    {
        var reference = (IEventReferenceOperation)context.Operation;
        ReportMemberUse(context, reference.Event, reference.Instance);
    }

    private static void OnPropertyReference(OperationAnalysisContext context)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (StaticState.IsMutableStaticProperty(reference.Property))
        {
            Report(context, DeterminismRules.StaticStateAccess, $"{reference.Property.ContainingType.Name}.{reference.Property.Name}");
            return;
        }

        ReportMemberUse(context, reference.Property, reference.Instance);
    }

    private static void OnFieldReference(OperationAnalysisContext context)
    {
        var reference = (IFieldReferenceOperation)context.Operation;
        if (StaticState.IsMutableStaticField(reference.Field))
        {
            Report(context, DeterminismRules.StaticStateAccess, $"{reference.Field.ContainingType.Name}.{reference.Field.Name}");
        }
    }

    private static void OnObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is { } constructor && ForbiddenApis.RuleForConstruction(constructor) is { } rule)
        {
            Report(context, rule, $"new {constructor.ContainingType.Name}");
        }
    }

    private static void ReportMemberUse(OperationAnalysisContext context, ISymbol member, IOperation? instance)
    {
        // A member inherited from a harmless base (Stream.CopyToAsync) is still a use of the receiver (a FileStream).
        var shownType = member.ContainingType;
        var rule = ForbiddenApis.RuleForMember(shownType, member.Name);
        if (rule is null && instance?.Type is INamedTypeSymbol receiver)
        {
            shownType = receiver;
            rule = ForbiddenApis.RuleForMember(receiver, member.Name);
        }

        if (rule is not null)
        {
            Report(context, rule, $"{shownType.Name}.{member.Name}");
        }
    }

    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor rule, string what)
    {
        // nameof(DateTime.UtcNow) names the member without running it.
        if (IsInsideNameOf(context.Operation))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(rule, context.Operation.Syntax.GetLocation(), what));
    }

    private static bool IsInsideNameOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static void OnField(SymbolAnalysisContext context)
    {
        var field = (IFieldSymbol)context.Symbol;
        if (!field.IsImplicitlyDeclared && StaticState.IsMutableStaticField(field) && WorkflowTypes.HoldsWorkflowCode(field.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(DeterminismRules.StaticStateDeclaration, field.Locations.FirstOrDefault(), field.Name));
        }
    }

    private static void OnProperty(SymbolAnalysisContext context)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (StaticState.IsMutableStaticProperty(property) && WorkflowTypes.HoldsWorkflowCode(property.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(DeterminismRules.StaticStateDeclaration, property.Locations.FirstOrDefault(), property.Name));
        }
    }
}
