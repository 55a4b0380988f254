using EntityActors.App.Engine.Contracts;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace EntityActors.App.Http;

public static class UnknownRoutes
{
    /// <summary>
    /// Anything no endpoint matched answers as a problem too: a path some endpoint serves with other methods is a 405
    /// naming them (<c>Allow</c>; one that takes the method but refused the path's values falls through); an unknown
    /// entity kind (the first segment of a <c>/{kind}/{id}/…</c> path) is a 400 naming the known kinds; any other path
    /// is a 404.
    /// </summary>
    public static WebApplication MapUnknownRoutes(this WebApplication app)
    {
        var methods = new Lazy<RouteMethods>(() => new RouteMethods(app.Services.GetRequiredService<EndpointDataSource>()));
        app.MapFallback((HttpContext http, EntityCatalog catalog) =>
        {
            var path = http.Request.Path.Value ?? string.Empty;
            var method = HeadRequests.ClientMethod(http);
            if (methods.Value.Allowed(path) is { Count: > 0 } allowed && !allowed.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
            {
                var allow = string.Join(", ", allowed);
                http.Response.Headers[HeaderNames.Allow] = allow;
                return Problems.Create(
                    StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed.", $"{method} is not served at {path}; it takes {allow}.");
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            // Dapr reserves /dapr/* and /actors/* for its own callbacks to the app.
            var looksLikeEntity = segments.Length == 2 || (segments.Length >= 3 && segments[2] == "signals");
            if (looksLikeEntity && segments[0] is not ("dapr" or "actors") && !catalog.TryGet(segments[0], out _))
            {
                return Problems.BadRequest(
                    "unknown-entity-kind",
                    $"'{(segments[0].Length > 60 ? segments[0][..60] + "…" : segments[0])}' is not an entity kind; known kinds: {string.Join(", ", catalog.Kinds.Order())}.");
            }

            return Problems.NotFound("no-such-route", $"Nothing is served at {method} {http.Request.Path}.");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>The methods each mapped route takes, matched by path alone (its parameters' constraints aside).</summary>
    private sealed class RouteMethods(EndpointDataSource endpoints)
    {
        private readonly IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> routes =
        [
            .. endpoints.Endpoints
                .OfType<RouteEndpoint>()
                .Select(endpoint => (endpoint.RoutePattern, Methods: endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
                .Where(route => route.Methods.Count > 0)
                .Select(route => (new TemplateMatcher(new RouteTemplate(route.RoutePattern), new RouteValueDictionary(route.RoutePattern.Defaults)), route.Methods)),
        ];

        public IReadOnlyList<string> Allowed(string path) =>
        [
            .. routes
                .Where(route => route.Matcher.TryMatch(path, []))
                .SelectMany(route => route.Methods)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal),
        ];
    }
}
