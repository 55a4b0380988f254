namespace EntityActors.App.Http;

public static class HeadRequests
{
    private static readonly object AsGet = new();

    /// <summary>
    /// Answers <c>HEAD</c> wherever <c>GET</c> is served, as HTTP asks of every server (monitors and caches probe with
    /// it): the request is routed as a <c>GET</c>, and the server writes the headers of its answer without the body. Runs
    /// before routing, which it therefore places itself.
    /// </summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Request.Method = HttpMethods.Get;
                http.Items[AsGet] = true;
            }

            return next(http);
        });
        app.UseRouting();
        return app;
    }

    /// <summary>The method the client sent: <c>HEAD</c> for one routed as a <c>GET</c>.</summary>
    public static string ClientMethod(HttpContext http) => http.Items.ContainsKey(AsGet) ? HttpMethods.Head : http.Request.Method;
}
