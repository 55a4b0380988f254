using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests.ReadModel;

/// <summary>The operator's side of the API as tests speak it: lists, histories, deletes.</summary>
public static class OperatorApi
{
    public static async Task<JsonObject> ListAsync(this EntityApiClient api, string kind, string query = "")
    {
        using var response = await api.Http.GetAsync($"{kind}{(query.Length > 0 ? "?" + query : string.Empty)}");
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, $"GET /{kind}?{query} answered: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Lists until <paramref name="done"/> holds for the page (the read model follows events asynchronously), at most <paramref name="within"/>.</summary>
    public static async Task<JsonObject> ListUntilAsync(this EntityApiClient api, string kind, string query, Func<JsonObject, bool> done, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await api.ListAsync(kind, query);
            if (done(page) || clock.Elapsed > within)
            {
                return page;
            }

            await Task.Delay(100);
        }
    }

    public static IReadOnlyList<string> Ids(this JsonObject page) =>
        [.. page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())];

    public static JsonObject Item(this JsonObject page, string id) =>
        page["items"]!.AsArray().Single(item => item!["id"]!.GetValue<string>() == id)!.AsObject();

    public static async Task<JsonObject> HistoryAsync(this EntityApiClient api, string kind, string id, string query = "")
    {
        using var response = await api.Http.GetAsync($"{kind}/{id}/history{(query.Length > 0 ? "?" + query : string.Empty)}");
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, $"GET /{kind}/{id}/history?{query} answered: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A signal's receipt (202, not waited for).</summary>
    public static async Task<JsonObject> SendAsync(this EntityApiClient api, string kind, string id, string signal, object? body = null, string? key = null)
    {
        using var response = await api.SignalAsync(kind, id, signal, body, key);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(202, $"{signal} to {kind}/{id} should be acknowledged, got: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
