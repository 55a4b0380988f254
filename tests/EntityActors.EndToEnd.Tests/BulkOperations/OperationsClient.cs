using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests.BulkOperations;

/// <summary>The bulk operations API as a test speaks it: start, then follow until done.</summary>
public sealed class OperationsClient(HttpClient http)
{
    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body, EntityApiClient.Json), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Starts an operation and insists on 202; returns its id.</summary>
    public async Task<string> StartAsync(string path, object? body, string? key = null)
    {
        using var response = await PostAsync(path, body, key);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, $"POST {path} should start an operation, got: {text}");
        return JsonNode.Parse(text)!["operationId"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetAsync(string operationId, string query = "")
    {
        using var response = await http.GetAsync($"operations/{operationId}{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET operations/{operationId} answered: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls the operation until <paramref name="reached"/> holds; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> WaitUntilAsync(string operationId, Func<JsonObject, bool> reached, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var status = await GetAsync(operationId);
                if (reached(status))
                {
                    return status;
                }

                DateTime.UtcNow.Should().BeBefore(deadline, $"operation {operationId} should get there within {timeout}; last seen: {status.ToJsonString()}");
            }
            catch (HttpRequestException)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, $"the app should answer for operation {operationId} within {timeout}");
            }

            await Task.Delay(200);
        }
    }

    public Task<JsonObject> WaitForCompletionAsync(string operationId, TimeSpan timeout) =>
        WaitUntilAsync(operationId, status => status["status"]!.GetValue<string>() == "completed", timeout);

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
