using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests;

/// <summary>The product's HTTP API as a test speaks it: signals with keys and waits, reads with waits.</summary>
public sealed class EntityApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public Task<HttpResponseMessage> SignalAsync(
        string kind, string id, string signal, object? body = null, string? key = null, int? waitSeconds = null, CancellationToken cancellationToken = default)
    {
        var content = new StringContent(body is null ? "{}" : JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        return SendRawAsync(kind, id, signal, content, key, waitSeconds, cancellationToken);
    }

    public async Task<HttpResponseMessage> SendRawAsync(
        string kind, string id, string signal, HttpContent content, string? key = null, int? waitSeconds = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{kind}/{id}/signals/{signal}") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (waitSeconds is { } wait)
        {
            request.Headers.Add("Prefer", $"wait={wait}");
        }

        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Signals and insists on 200 (applied and accepted); returns the answer's body.</summary>
    public async Task<JsonObject> ApplyAsync(string kind, string id, string signal, object? body = null, string? key = null)
    {
        using var response = await SignalAsync(kind, id, signal, body, key, waitSeconds: 15);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, $"{signal} to {kind}/{id} should be applied and accepted, got: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject?> GetAsync(string kind, string id, long? minSequence = null, int waitSeconds = 0)
    {
        var query = minSequence is { } sequence ? $"?minSequence={sequence}&wait={waitSeconds}" : string.Empty;
        using var response = await http.GetAsync($"{kind}/{id}{query}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {kind}/{id} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static Money Eur(decimal amount) => new(amount, "EUR");

    public sealed record Money(decimal Amount, string Currency);
}
