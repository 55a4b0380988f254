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
    string AppBuild,
    string RestateVersions,
    string? SourceVersion)
{
    public static BenchSettings From(BenchOptions options, string appBuild, string restateVersions) =>
        new(options.ContinueAsNewAfterSignals, options.Senders, options.LatencySamples, options.Warmup, options.HotSignals,
            options.Entities, options.SignalsPerEntity, options.LongLifeSignals, options.QuerySamples, options.IdleEntities,
            options.IdleQuerySamples, options.ContinueAsNewSignals, options.ContinueAsNewShort, options.ContinueAsNewLong,
            options.PollInterval.TotalMilliseconds, options.AppSettings, appBuild, restateVersions, SourceVersionOf());

    /// <summary>The checkout's commit (<c>git describe --always --dirty</c>), so a figure can be tied to the code it measured.</summary>
    private static string? SourceVersionOf()
    {
        var root = EntityActors.LocalRuntime.RepositoryRoot.TryFind();
        if (root is null)
        {
            return null;
        }

        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-C", root, "describe", "--always", "--dirty" })
            {
                start.ArgumentList.Add(argument);
            }

            using var git = System.Diagnostics.Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var version = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && version.Length > 0 ? version : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
