using EntityActors.ReadModelBench;

// dotnet run -c Release --project bench/EntityActors.ReadModelBench -- [queries|burst|all] [--entities N] [--prepared N] [--signals N] [--burst-entities N]
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
Console.WriteLine($"read-model bench on {Environment.ProcessorCount} cores, load average {LoadAverage.Read()}");
if (mode is "queries" or "all")
{
    await QueryBench.RunAsync(Option("--entities", 10_000), Option("--prepared", new EntityActors.App.ReadModel.ReadModelOptions().PostgresPreparedStatements), Console.Out, stopping.Token);
}

if (mode is "burst" or "all")
{
    await BurstBench.RunAsync(Option("--signals", 1_000), Option("--burst-entities", 50), Console.Out, stopping.Token);
}

return 0;
