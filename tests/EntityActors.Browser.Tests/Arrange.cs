using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EntityActors.Browser.Tests;

/// <summary>Puts entities in place through the API before a page is opened.</summary>
internal static class Arrange
{
    private static readonly TimeSpan ListedBound = TimeSpan.FromSeconds(60);

    /// <summary>Sends a signal and waits for its outcome; insists it was applied.</summary>
    public static async Task ApplyAsync(HttpClient api, string kind, string id, string signal, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{kind}/{id}/signals/{signal}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Prefer", "wait=15");
        using var response = await api.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{signal} to {kind}/{id}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until the read model lists <paramref name="id"/> at <paramref name="sequence"/> or later.</summary>
    public static async Task ListedAsync(HttpClient api, string kind, string id, long sequence)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await api.GetFromJsonAsync<JsonObject>($"{kind}?limit=200");
            if (page!["items"]!.AsArray().Any(item => (string?)item!["id"] == id && (long)item["sequence"]! >= sequence))
            {
                return;
            }

            clock.Elapsed.Should().BeLessThan(ListedBound, $"{kind}/{id} should be listed by the read model");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the checkout's status has <paramref name="field"/> equal to <paramref name="value"/>.</summary>
    public static async Task CheckoutAsync(HttpClient api, string checkoutId, string field, string value)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await api.GetAsync($"checkouts/{checkoutId}");
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonObject>())!["checkout"]![field]?.GetValue<string>() == value)
            {
                return;
            }

            clock.Elapsed.Should().BeLessThan(ListedBound, $"checkout {checkoutId} should reach {field} {value}");
            await Task.Delay(250);
        }
    }
}
