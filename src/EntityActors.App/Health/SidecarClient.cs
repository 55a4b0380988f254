using System.Net.Http.Json;
using System.Text.Json;

namespace EntityActors.App.Health;

/// <summary>Plain HTTP to the Dapr sidecar for what the SDK does not expose: health, the metadata document, shutdown.</summary>
public sealed class SidecarClient(HttpClient http)
{
    public const string HttpClientName = "dapr-sidecar";

    public static Uri ResolveEndpoint(IConfiguration configuration)
    {
        var endpoint = configuration["DAPR_HTTP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            return new Uri(endpoint);
        }

        var port = configuration["DAPR_HTTP_PORT"];
        return new Uri($"http://127.0.0.1:{(string.IsNullOrWhiteSpace(port) ? "3500" : port)}");
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Asks the sidecar to shut down (<c>POST /v1.0/shutdown</c>); its orchestrator starts it again.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("/v1.0/shutdown", UriKind.Relative), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetMetadataAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<JsonElement>(new Uri("/v1.0/metadata", UriKind.Relative), cancellationToken);
}
