using Dapr;
using EntityActors.App.Http;

namespace EntityActors.App.Security;

/// <summary>
/// The app's half of Dapr's app API token: with <c>APP_API_TOKEN</c> set, the sidecar sends it in the
/// <c>dapr-api-token</c> header on every call to the app, and this refuses (401) any call to a Dapr callback
/// (<c>/dapr/*</c>, <c>/actors/*</c>, <c>/subscriptions/*</c>) without it. Dapr.Actors.AspNetCore maps the actor
/// endpoints without any such check, and Dapr.AspNetCore's opt-in authentication handler compares the token with
/// <c>string.Equals</c>; hence this, with a constant-time comparison. Without <c>APP_API_TOKEN</c> it does nothing.
/// </summary>
public sealed class AppApiTokenMiddleware(RequestDelegate next, IConfiguration configuration, ILogger<AppApiTokenMiddleware> logger)
{
    public const string Header = "dapr-api-token";

    private readonly string token = DaprDefaults.GetDefaultAppApiToken(configuration);

    public Task InvokeAsync(HttpContext context)
    {
        if (token.Length == 0 || !DaprCallbackPaths.IsDaprCallback(context.Request.Path))
        {
            return next(context);
        }

        var presented = context.Request.Headers[Header];
        if (presented.Count == 1 && SecretComparer.Matches(presented[0], token))
        {
            return next(context);
        }

        logger.LogCallbackRefused(context.Request.Method, context.Request.Path, presented.Count > 0);
        return Problems.Create(
                StatusCodes.Status401Unauthorized,
                "dapr-api-token-required",
                "Only the Dapr sidecar may call this.",
                $"{context.Request.Method} {context.Request.Path} is a Dapr callback: it needs the app API token in the '{Header}' header.")
            .ExecuteAsync(context);
    }
}
