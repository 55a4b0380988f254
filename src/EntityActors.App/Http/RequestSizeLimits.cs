using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Http;

/// <summary>
/// Refuses a request whose target or headers are over <see cref="RequestLimitsOptions"/> with a problem (414
/// <c>uri-too-long</c>, 431 <c>headers-too-large</c>) before anything else reads it. Kestrel refuses such requests
/// itself with an empty body and no hook for the app, so its limits are raised above these (<see cref="AddRequestLimits"/>).
/// </summary>
public static class RequestSizeLimits
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
            {
                // The request line also holds the method and the protocol version: a little room for them.
                kestrel.Limits.MaxRequestLineSize = (limits.Value.MaxTargetBytes + 64) * RequestLimitsOptions.ServerCeilingFactor;
                kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxHeaderBytes * RequestLimitsOptions.ServerCeilingFactor;
                kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxHeaderCount * RequestLimitsOptions.ServerCeilingFactor;
            });
        return builder;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        return app.Use((context, next) => Refusal(context, limits) is { } refusal ? refusal.ExecuteAsync(context) : next(context));
    }

    /// <summary>The problem for a request over a limit; null when it is within them.</summary>
    public static IResult? Refusal(HttpContext context, RequestLimitsOptions limits)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is not null && target.Length > limits.MaxTargetBytes)
        {
            return Problems.Create(StatusCodes.Status414UriTooLong, "uri-too-long", "The request target is too long.",
                $"The path and query are {target.Length} bytes; at most {limits.MaxTargetBytes} are taken (EntityActors:RequestLimits:MaxTargetBytes).");
        }

        var headers = context.Request.Headers;
        if (headers.Count > limits.MaxHeaderCount)
        {
            return TooLarge($"The request has {headers.Count} headers; at most {limits.MaxHeaderCount} are taken (EntityActors:RequestLimits:MaxHeaderCount).");
        }

        var bytes = 0L;
        foreach (var (name, values) in headers)
        {
            bytes += name.Length + 4;
            foreach (var value in values)
            {
                bytes += value?.Length ?? 0;
            }
        }

        return bytes > limits.MaxHeaderBytes
            ? TooLarge($"The request's headers are {bytes} bytes; at most {limits.MaxHeaderBytes} are taken (EntityActors:RequestLimits:MaxHeaderBytes).")
            : null;
    }

    private static IResult TooLarge(string detail) =>
        Problems.Create(StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers-too-large", "The request headers are too large.", detail);
}
