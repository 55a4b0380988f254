namespace EntityActors.Bench.Reporting;

/// <summary>The options of a run that shape its figures, recorded so two runs can be compared fairly.</summary>
public sealed record BenchSettings(
    int ContinueAsNewAfterSignals,
    int Senders,
    int LatencySamples,
    int Warmup,
    int HotSignals,
    int Entities,
    int SignalsPerEntity,
    int LongLifeSignals,
    int QuerySamples,
    int IdleEntities,
    int IdleQuerySamples,
    int ContinueAsNewSignals,
    int ContinueAsNewShort,
    int ContinueAsNewLong,
    double PollIntervalMilliseconds,
    IReadOnlyDictionary<string, string> AppSettings,
    string AppBuild)
{
    public static BenchSettings From(BenchOptions options, string appBuild) =>
        new(options.ContinueAsNewAfterSignals, options.Senders, options.LatencySamples, options.Warmup, options.HotSignals,
            options.Entities, options.SignalsPerEntity, options.LongLifeSignals, options.QuerySamples, options.IdleEntities,
            options.IdleQuerySamples, options.ContinueAsNewSignals, options.ContinueAsNewShort, options.ContinueAsNewLong,
            options.PollInterval.TotalMilliseconds, options.AppSettings, appBuild);
}
