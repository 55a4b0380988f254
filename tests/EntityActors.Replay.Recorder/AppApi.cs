using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntityActors.Replay.Recorder;

/// <summary>The app's HTTP API as the scenarios drive it: signals that must be accepted, checkouts, approvals.</summary>
public sealed class AppApi(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Sends a signal and insists that it is accepted; returns the answer.</summary>
    public async Task<JsonObject> SignalAsync(string kind, string id, string signal, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{kind}/{id}/signals/{signal}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Prefer", "wait=15");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == 200
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{signal} to {kind}/{id} was not accepted: {(int)response.StatusCode} {text}");
    }

    /// <summary>Checks the cart out and returns the checkout's id.</summary>
    public async Task<string> CheckOutAsync(string cartId, string accountId) =>
        (await SignalAsync("carts", cartId, "check-out", new { accountId }))["entity"]!["state"]!["activeCheckout"]!["checkoutId"]!.GetValue<string>();

    /// <summary>Starts a bulk operation and insists that it is accepted; returns the operation's id.</summary>
    public async Task<string> StartOperationAsync(string path, object lines)
    {
        using var response = await http.PostAsJsonAsync(path, lines, Json);
        var text = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == 202
            ? JsonNode.Parse(text)!["operationId"]!.GetValue<string>()
            : throw new InvalidOperationException($"POST {path} did not start an operation: {(int)response.StatusCode} {text}");
    }

    public async Task ApproveAsync(string checkoutId)
    {
        using var response = await http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager", comment = "recorded" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the checkout until <paramref name="done"/> holds for its view.</summary>
    public async Task<JsonObject> WaitForCheckoutAsync(string checkoutId, Func<JsonObject, bool> done)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < Patience)
        {
            using var response = await http.GetAsync($"checkouts/{checkoutId}");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!["checkout"]!.AsObject();
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Checkout {checkoutId} did not get there in {Patience}; last seen: {last?.ToJsonString()}");
    }

    /// <summary>The entity's sequence as its single writer has it (every signal it stored).</summary>
    public async Task<long> SequenceAsync(string kind, string id)
    {
        var view = await http.GetFromJsonAsync<JsonObject>($"{kind}/{id}") ?? throw new InvalidOperationException($"No {kind}/{id}.");
        return view["sequence"]!.GetValue<long>();
    }

    public void Dispose() => http.Dispose();
}
