using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace EntityActors.Bench.Product;

/// <summary>
/// The product's HTTP API as the bench uses it: <c>restock</c> signals of one unit to inventory items (so units on
/// hand count the signals applied), sent with an idempotency key so a retried send is applied at most once.
/// </summary>
public sealed class ProductClient(HttpClient http)
{
    public const string Kind = "inventory-items";

    private const int MaxAttempts = 5;
    private static readonly TimeSpan ServerWait = TimeSpan.FromSeconds(30);

    /// <summary>Sends one restock; with <paramref name="waitSeconds"/> insists that the answer is "applied" (200).</summary>
    /// <exception cref="InvalidOperationException">The product refused it, or did not apply it within the wait.</exception>
    public async Task<ProductAck> SignalAsync(string id, string key, int? waitSeconds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Kind}/{id}/signals/restock")
            {
                Content = new StringContent("""{"quantity":1}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            if (waitSeconds is { } wait)
            {
                request.Headers.Add("Prefer", string.Create(CultureInfo.InvariantCulture, $"wait={wait}"));
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxAttempts)
                {
                    // Not acknowledged: the same key again is applied at most once.
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
                    continue;
                }

                using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
                var root = json.RootElement;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var state = root.GetProperty("entity");
                    return new ProductAck(root.GetProperty("sequence").GetInt64(), ReadView(state), attempt);
                }

                if (response.StatusCode == HttpStatusCode.Accepted && waitSeconds is null)
                {
                    return new ProductAck(root.GetProperty("sequence").GetInt64(), null, attempt);
                }

                throw new InvalidOperationException(
                    $"POST {Kind}/{id}/signals/restock answered {(int)response.StatusCode}" +
                    (waitSeconds is null ? string.Empty : $" (waited up to {waitSeconds} s for it to be applied)") + $": {body}");
            }
        }
    }

    /// <summary>Reads an item (null when it never existed); with <paramref name="minSequence"/> the product waits up to <paramref name="waitSeconds"/>.</summary>
    public async Task<ProductView?> GetAsync(string id, long? minSequence, int waitSeconds, CancellationToken cancellationToken)
    {
        var query = minSequence is { } sequence
            ? string.Create(CultureInfo.InvariantCulture, $"?minSequence={sequence}&wait={waitSeconds}")
            : string.Empty;
        using var response = await http.GetAsync($"{Kind}/{id}{query}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {Kind}/{id}{query} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return ReadView(json.RootElement);
    }

    /// <summary>Reads until the item's sequence reaches <paramref name="sequence"/>, letting the product wait server-side.</summary>
    /// <exception cref="TimeoutException">Not reached within <paramref name="timeout"/>.</exception>
    public async Task<ProductView> WaitForSequenceAsync(string id, long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var view = await GetAsync(id, sequence, (int)ServerWait.TotalSeconds, cancellationToken);
            if (view is not null && view.Sequence >= sequence)
            {
                return view;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"{Kind}/{id} did not reach sequence {sequence} within {timeout.TotalSeconds:0} s; last seen {view?.Sequence.ToString(CultureInfo.InvariantCulture) ?? "nothing"}.");
            }

            if (view is null)
            {
                // Not created yet: the server returns at once for an entity it does not know.
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    private static ProductView ReadView(JsonElement entity) =>
        new(entity.GetProperty("sequence").GetInt64(), entity.GetProperty("version").GetInt64(),
            entity.GetProperty("state").GetProperty("onHand").GetInt64());
}
