using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EntityActors.Bench.Accounts;

namespace EntityActors.Bench.Product;

/// <summary>
/// The product's HTTP API as the bench uses it: <c>restock</c> signals of one unit to inventory items (so units on
/// hand count the signals applied) and account signals whose outcome is awaited, each sent with an idempotency key so
/// a retried send is applied at most once.
/// </summary>
public sealed class ProductClient(HttpClient http)
{
    public const string Kind = "inventory-items";
    public const string AccountsKind = "accounts";

    private const string RestockBody = """{"quantity":1}""";

    private const int MaxAttempts = 5;
    private static readonly TimeSpan ServerWait = TimeSpan.FromSeconds(30);

    /// <summary>Sends one restock; with <paramref name="waitSeconds"/> insists that the answer is "applied" (200).</summary>
    /// <exception cref="InvalidOperationException">The product refused it, or did not apply it within the wait.</exception>
    public async Task<ProductAck> SignalAsync(string id, string key, int? waitSeconds, CancellationToken cancellationToken)
    {
        var (status, body, attempts) = await SendAsync($"{Kind}/{id}/signals/restock", RestockBody, key, waitSeconds, cancellationToken);
        using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        var root = json.RootElement;
        return status switch
        {
            HttpStatusCode.OK => new ProductAck(root.GetProperty("sequence").GetInt64(), ReadView(root.GetProperty("entity")), attempts),
            HttpStatusCode.Accepted when waitSeconds is null => new ProductAck(root.GetProperty("sequence").GetInt64(), null, attempts),
            _ => throw new InvalidOperationException(
                $"POST {Kind}/{id}/signals/restock answered {(int)status}" +
                (waitSeconds is null ? string.Empty : $" (waited up to {waitSeconds} s for it to be applied)") + $": {body}"),
        };
    }

    /// <summary>
    /// Sends one account signal and waits for its outcome (<c>Prefer: wait</c>): 200 when accepted, the rule's problem
    /// (409/422 with its <c>code</c>) when refused.
    /// </summary>
    /// <exception cref="InvalidOperationException">Any other answer, e.g. 202: not decided within the wait.</exception>
    public async Task<AccountAnswer> SignalAccountAsync(string id, string signal, string body, string key, int waitSeconds, CancellationToken cancellationToken)
    {
        var (status, text, _) = await SendAsync($"{AccountsKind}/{id}/signals/{signal}", body, key, waitSeconds, cancellationToken);
        using var json = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        var root = json.RootElement;
        return status switch
        {
            HttpStatusCode.OK => new AccountAnswer(true, null, root.GetProperty("sequence").GetInt64(), root.GetProperty("version").GetInt64()),
            HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity when root.TryGetProperty("sequence", out var sequence) =>
                new AccountAnswer(false, root.GetProperty("code").GetString(), sequence.GetInt64(), root.GetProperty("version").GetInt64()),
            _ => throw new InvalidOperationException($"POST {AccountsKind}/{id}/signals/{signal} (waiting up to {waitSeconds} s) answered {(int)status}: {text}"),
        };
    }

    public async Task<AccountView?> GetAccountAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"{AccountsKind}/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {AccountsKind}/{id} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new AccountView(root.GetProperty("sequence").GetInt64(), root.GetProperty("version").GetInt64(), root.GetProperty("state").GetProperty("balance").GetDecimal());
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

    /// <summary>Posts a signal, sending it again with the same key after a 503 or a lost connection (not acknowledged: applied at most once).</summary>
    private async Task<(HttpStatusCode Status, string Body, int Attempts)> SendAsync(
        string path, string body, string key, int? waitSeconds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
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
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
                    continue;
                }

                return (response.StatusCode, text, attempt);
            }
        }
    }

    private static ProductView ReadView(JsonElement entity) =>
        new(entity.GetProperty("sequence").GetInt64(), entity.GetProperty("version").GetInt64(),
            entity.GetProperty("state").GetProperty("onHand").GetInt64());
}
