using EntityActors.App.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>Declares the optional API key (<see cref="ApiKeyMiddleware.Header"/>), so the docs page has a field for it.</summary>
public sealed class ApiKeyDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyMiddleware.Header,
            Description = "Needed when EntityActors:Api:ApiKey is set; probes, /openapi, /docs, /explorer and /metrics are exempt.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
