using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>Sending signals to the product API, as the operations tests need it.</summary>
public static class Signals
{
    /// <summary>POSTs a signal with <c>Prefer: wait=15</c> (answered with the outcome) and a fresh idempotency key.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient api, string kind, string id, string signal, string json)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{kind}/{id}/signals/{signal}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Prefer", "wait=15");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await api.SendAsync(request);
    }

    /// <summary>Sends a signal and insists that it was applied and accepted (200); returns the answer.</summary>
    public static async Task<JsonObject> ApplyAsync(HttpClient api, string kind, string id, string signal, string json)
    {
        using var response = await SendAsync(api, kind, id, signal, json);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, $"{signal} to {kind}/{id} should be applied and accepted, got: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Reads a problem answer, checking its media type.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
