using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EntityActors.Bench.ScaleOut.Reference;

/// <summary>
/// The least an HTTP service on PostgreSQL can do per request: take a small JSON body, insert one row (its own
/// transaction), answer a small JSON body. Run as this program's <c>reference-service</c> command, one process per
/// port, with the app's runtime settings. What splitting it over n processes costs on this machine is the floor the
/// product's n replicas are read against (<see cref="ReferenceServices"/>).
/// </summary>
public static class ReferenceService
{
    public const string Command = "reference-service";

    /// <summary>The runtime settings the product's app has in its project file, given to each process here.</summary>
    public static IReadOnlyDictionary<string, string?> AppRuntimeSettings { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    /// <summary><c>reference-service PORT CONNECTION-STRING</c>: serves until stopped.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count != 3 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            await Console.Error.WriteLineAsync($"usage: {Command} PORT CONNECTION-STRING");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        await using var data = NpgsqlDataSource.Create(args[2]);
        await using var app = builder.Build();
        app.MapPost("/signals/{id}", async (string id, ReferenceSignal signal, CancellationToken requestAborted) =>
        {
            await using var insert = data.CreateCommand("INSERT INTO signals (entity, number) VALUES ($1, $2) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = signal.Number });
            return TypedResults.Ok(new ReferenceAnswer(await insert.ExecuteNonQueryAsync(requestAborted)));
        });
        await app.RunAsync(cancellationToken);
        return 0;
    }
}

/// <summary>What a sender posts.</summary>
public sealed record ReferenceSignal(int Number);

/// <summary>What the service answers: the rows it inserted (0 for a repeat).</summary>
public sealed record ReferenceAnswer(int Inserted);
