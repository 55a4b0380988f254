using System.Text.Json.Nodes;
using EntityActors.App.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace EntityActors.App.Tests.Support;

/// <summary>
/// The API document (<c>/openapi/v1.json</c>) of the whole app as <c>Program</c> composes it, built once without starting
/// the app (no sidecar, no port): the document provider reads the mapped endpoints and runs every transformer.
/// </summary>
public static class ApiDocument
{
    private static readonly Lazy<Task<string>> Text = new(GenerateAsync);

    public static async Task<JsonObject> LoadAsync() => JsonNode.Parse(await Text.Value)!.AsObject();

    /// <summary>The document read back by Microsoft.OpenApi's own reader, and what its reader and validator found wrong.</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync()
    {
        var read = OpenApiDocument.Parse(await Text.Value, OpenApiConstants.Json, new OpenApiReaderSettings());
        var errors = read.Diagnostic?.Errors.Select(error => $"read: {error}").ToList() ?? [];
        if (read.Document is not null)
        {
            errors.AddRange(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()).Select(error => $"valid: {error}"));
        }

        return errors;
    }

    private static async Task<string> GenerateAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.AddEntityApp();
        await using var app = builder.Build();
        app.UseEntityApp();
        // Started, the host would hand the endpoints to routing; unstarted, this does (what the document is read from).
        app.UseRouting();
        app.UseEndpoints(_ => { });
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        return await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
    }
}
