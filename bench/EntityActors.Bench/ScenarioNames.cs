namespace EntityActors.Bench;

/// <summary>The scenario ids, as used on the command line and in the JSON report.</summary>
public static class ScenarioNames
{
    public const string Latency = "latency";
    public const string HotEntity = "hot-entity";
    public const string ManyEntities = "many-entities";
    public const string Answered = "answered";
    public const string LongLifeQuery = "long-life-query";
    public const string IdleEntities = "idle-entities";
    public const string ContinueAsNew = "continue-as-new";

    /// <summary>In the order they run: continue-as-new last, because it restarts the app with other settings.</summary>
    public static IReadOnlyList<string> All { get; } = [Latency, HotEntity, ManyEntities, Answered, LongLifeQuery, IdleEntities, ContinueAsNew];
}
