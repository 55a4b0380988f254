using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.App.Tests.Security;

/// <summary>Runs one middleware on a fake request and reports whether it passed the request on, and what it answered.</summary>
internal static class MiddlewareHarness
{
    public static async Task<(bool PassedOn, int Status, JsonElement? Problem)> RunAsync(
        Func<RequestDelegate, Func<HttpContext, Task>> middleware, string method, string path, IDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Request.Method = method;
        context.Request.Path = path;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var passedOn = false;
        await middleware(_ =>
        {
            passedOn = true;
            return Task.CompletedTask;
        })(context);

        JsonElement? problem = body.Length > 0 ? JsonDocument.Parse(body.ToArray()).RootElement.Clone() : null;
        return (passedOn, context.Response.StatusCode, problem);
    }
}
