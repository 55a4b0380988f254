using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>Reads and applied signals as a test needs them, against any replica.</summary>
public static class EntityReads
{
    public static async Task<JsonObject> GetAsync(HttpClient replica, string kind, string id, long minSequence = 0, int waitSeconds = 0)
    {
        var query = minSequence > 0 ? $"?minSequence={minSequence.ToString(CultureInfo.InvariantCulture)}&wait={waitSeconds.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        using var response = await replica.GetAsync($"{kind}/{id}{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {kind}/{id}{query} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends a signal with <c>Prefer: wait</c> and insists it is applied and accepted (200).</summary>
    public static async Task<JsonObject> ApplyAsync(HttpClient replica, string kind, string id, string signal, object body, string? key = null)
    {
        var attempt = await SignalClient.SendAsync(replica, 0, kind, id, signal, System.Text.Json.JsonSerializer.Serialize(body, JsonOptions), key ?? Guid.NewGuid().ToString("N"), waitSeconds: 20);
        attempt.Detail.Should().StartWith("200", $"{signal} to {kind}/{id} should be applied and accepted: {attempt}");
        return JsonNode.Parse(attempt.Detail[4..])!.AsObject();
    }

    public static async Task<JsonObject?> CheckoutAsync(HttpClient replica, string checkoutId)
    {
        using var response = await replica.GetAsync($"checkouts/{checkoutId}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["checkout"]!.AsObject() : null;
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
