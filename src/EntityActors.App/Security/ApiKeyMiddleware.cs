using EntityActors.App.Http;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Security;

/// <summary>
/// With <see cref="ApiOptions.ApiKey"/> set, every request except the probes (<c>/healthz</c>, <c>/readyz</c>), the
/// Dapr callbacks (guarded by <see cref="AppApiTokenMiddleware"/> instead) and the pages that hold no entity data
/// (<see cref="PublicPaths"/>: the OpenAPI document, the docs and explorer pages, whose own calls send the key, and the
/// metrics a scraper reads) must carry the key in <see cref="Header"/>; otherwise it is answered 401 with a problem.
/// Deny by default: a new endpoint is covered without anyone remembering to.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options, ILogger<ApiKeyMiddleware> logger)
{
    public const string Header = "X-Api-Key";

    public static readonly IReadOnlyList<PathString> PublicPaths = ["/openapi", "/docs", "/explorer", "/metrics"];

    private readonly string? apiKey = string.IsNullOrWhiteSpace(options.Value.ApiKey) ? null : options.Value.ApiKey;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (apiKey is null || DaprCallbackPaths.IsProbe(path) || DaprCallbackPaths.IsDaprCallback(path)
            || PublicPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        var presented = context.Request.Headers[Header];
        if (presented.Count == 1 && SecretComparer.Matches(presented[0], apiKey))
        {
            return next(context);
        }

        var missing = presented.Count == 0;
        logger.LogApiKeyRefused(context.Request.Method, path, !missing);
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{Header}\"";
        return Problems.Create(
                StatusCodes.Status401Unauthorized,
                missing ? "api-key-required" : "invalid-api-key",
                missing ? "An API key is required." : "The API key is not valid.",
                $"Send the API key in the '{Header}' header.")
            .ExecuteAsync(context);
    }
}
