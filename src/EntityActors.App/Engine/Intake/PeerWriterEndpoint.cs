using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.SingleWriter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Engine.Intake;

/// <summary>
/// The owner's half of <see cref="PeerWriters"/>: another replica hands over a batch for an entity whose writer is active
/// here, and it goes to that activation in process, in its turn, as the sidecar's call would. Where the writer is not
/// active here (placement moved it, or it was never here) the answer is 421 and the caller goes through the sidecars. Not
/// part of the public API: behind the app API token like the sidecar's callbacks.
/// </summary>
public static class PeerWriterEndpoint
{
    public const string Prefix = "/peers";

    public static string PathOf(EntityAddress address) =>
        $"{Prefix}/writers/{Uri.EscapeDataString(address.Kind)}/{Uri.EscapeDataString(address.Id)}/submit";

    public static IEndpointRouteBuilder MapPeerWriters(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{Prefix}/writers/{{kind}}/{{id}}/submit", SubmitAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<SubmitResponse>, NotFound, StatusCodeHttpResult>> SubmitAsync(
        string kind, string id, SubmitRequest request, EntityCatalog catalog, LocalEntityActors writers, SignalMetrics metrics)
    {
        if (!catalog.TryGet(kind, out _))
        {
            return TypedResults.NotFound();
        }

        if (await writers.TrySubmitAsync(new EntityAddress(kind, id).InstanceId, request) is { } answered)
        {
            metrics.WriterCalled(kind, WriterRoute.PeerTaken);
            return TypedResults.Ok(answered);
        }

        return TypedResults.StatusCode(StatusCodes.Status421MisdirectedRequest);
    }
}
