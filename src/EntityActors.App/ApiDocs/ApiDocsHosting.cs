using Scalar.AspNetCore;

namespace EntityActors.App.ApiDocs;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive docs built from it (<c>/docs</c>).</summary>
public static class ApiDocsHosting
{
    public const string DocsPath = "/docs";

    public static IHostApplicationBuilder AddEntityApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            // In this order: the problems depend on which operations take a body; the response headers on the problems.
            options.AddDocumentTransformer<SignalDocumentTransformer>();
            options.AddDocumentTransformer<ListDocumentTransformer>();
            options.AddDocumentTransformer<RequestBodyDocumentTransformer>();
            options.AddDocumentTransformer<RequestHeaderDocumentTransformer>();
            options.AddDocumentTransformer<PathIdDocumentTransformer>();
            options.AddDocumentTransformer<ProblemDocumentTransformer>();
            options.AddDocumentTransformer<ResponseHeaderDocumentTransformer>();
            options.AddDocumentTransformer<ApiKeyDocumentTransformer>();
        });
        return builder;
    }

    public static WebApplication MapEntityApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        // Scalar serves its script from the package (no CDN); nothing else is fetched: no web fonts, no telemetry,
        // no AI agent or MCP features, no developer toolbar (its actions lead to Scalar's own site).
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("EntityActors API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(ApiKeyDocumentTransformer.SchemeName));
        return app;
    }
}
