using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Http;

public static class UnknownRoutes
{
    /// <summary>
    /// Anything no endpoint matched answers as a problem too: an unknown entity kind (the first segment of a
    /// <c>/{kind}/{id}/…</c> path) is a 400 naming the known kinds; any other path is a 404.
    /// </summary>
    public static WebApplication MapUnknownRoutes(this WebApplication app)
    {
        app.MapFallback((HttpContext http, EntityCatalog catalog) =>
        {
            var segments = (http.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
            // Dapr reserves /dapr/* and /actors/* for its own callbacks to the app.
            var looksLikeEntity = segments.Length == 2 || (segments.Length >= 3 && segments[2] == "signals");
            if (looksLikeEntity && segments[0] is not ("dapr" or "actors") && !catalog.TryGet(segments[0], out _))
            {
                return Problems.BadRequest(
                    "unknown-entity-kind",
                    $"'{(segments[0].Length > 60 ? segments[0][..60] + "…" : segments[0])}' is not an entity kind; known kinds: {string.Join(", ", catalog.Kinds.Order())}.");
            }

            return Problems.NotFound("no-such-route", $"Nothing is served at {http.Request.Method} {http.Request.Path}.");
        }).ExcludeFromDescription();
        return app;
    }
}
