namespace EntityActors.App.Security;

/// <summary>Registration of the two access checks: the sidecar's app API token and the product API's key.</summary>
public static class SecurityHosting
{
    public static IHostApplicationBuilder AddEntitySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        return builder;
    }

    /// <summary>Both checks, before any endpoint runs; each does nothing while its secret is not configured.</summary>
    public static WebApplication UseEntitySecurity(this WebApplication app)
    {
        app.UseMiddleware<AppApiTokenMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }
}
