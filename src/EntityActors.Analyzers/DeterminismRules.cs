using Microsoft.CodeAnalysis;

namespace EntityActors.Analyzers;

/// <summary>
/// The diagnostics of <see cref="WorkflowDeterminismAnalyzer"/>. A workflow's code is replayed from its history
/// after every await, restart and move to another replica, so it must take the same path with the same values
/// every time: anything that reads the machine, the clock or shared state belongs in an activity.
/// </summary>
public static class DeterminismRules
{
    public const string Category = "Determinism";

    public static readonly DiagnosticDescriptor WallClock = Rule(
        "EA0001", "Workflow code reads the machine clock",
        "'{0}' reads the machine clock, which differs on replay: use context.CurrentUtcDateTime");

    public static readonly DiagnosticDescriptor NewGuid = Rule(
        "EA0002", "Workflow code creates a random id",
        "'{0}' returns a different id on replay: use context.NewGuid()");

    public static readonly DiagnosticDescriptor Randomness = Rule(
        "EA0003", "Workflow code draws random numbers",
        "'{0}' draws different values on replay: derive them from context.NewGuid() or take them from the input or an activity");

    public static readonly DiagnosticDescriptor BackgroundWork = Rule(
        "EA0004", "Workflow code starts work on another thread",
        "'{0}' runs work outside the workflow's replay: call an activity (context.CallActivityAsync) or a child workflow instead");

    public static readonly DiagnosticDescriptor RealDelay = Rule(
        "EA0005", "Workflow code waits on a real timer",
        "'{0}' waits on a timer that replay does not reproduce: use context.CreateTimer");

    public static readonly DiagnosticDescriptor ElapsedTime = Rule(
        "EA0006", "Workflow code measures real elapsed time",
        "'{0}' measures real time, which differs on replay: use differences of context.CurrentUtcDateTime, or measure in an activity");

    public static readonly DiagnosticDescriptor Http = Rule(
        "EA0007", "Workflow code uses HttpClient",
        "'{0}' does network I/O that is repeated on every replay: call it from an activity");

    public static readonly DiagnosticDescriptor FileSystem = Rule(
        "EA0008", "Workflow code does file-system I/O",
        "'{0}' does file-system I/O that is repeated on every replay and may differ: do it in an activity");

    public static readonly DiagnosticDescriptor ProcessEnvironment = Rule(
        "EA0009", "Workflow code reads or changes the process environment",
        "'{0}' depends on the process the workflow happens to replay in: pass the value in the workflow input, or use an activity");

    public static readonly DiagnosticDescriptor Console = Rule(
        "EA0010", "Workflow code uses the console",
        "'{0}' repeats its console I/O on every replay: log with context.CreateReplaySafeLogger, do other I/O in an activity");

    public static readonly DiagnosticDescriptor StaticStateAccess = Rule(
        "EA0011", "Workflow code reads or writes mutable static state",
        "'{0}' is mutable static state, shared across workflows and not replayed: keep state in the workflow input, locals or an activity's store");

    public static readonly DiagnosticDescriptor StaticStateDeclaration = Rule(
        "EA0012", "Workflow class declares mutable static state",
        "Workflow class declares mutable static '{0}': make it readonly or const, or keep the state in the workflow input");

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "Workflow code is replayed and must be deterministic. Suppress only with '#pragma warning disable " + id +
                         "' and a comment that says why this use is replay-safe (docs/determinism.md).");
}
