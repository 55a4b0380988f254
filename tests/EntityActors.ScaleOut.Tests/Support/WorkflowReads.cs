using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>
/// An entity workflow's custom status (its view of the entity: what the durable holder applied) read through a
/// sidecar's workflow API, whichever replica hosts the workflow. Answers are the writer's; this says the workflow
/// caught up with them.
/// </summary>
public static class WorkflowReads
{
    /// <summary>The status of <paramref name="kind"/>/<paramref name="id"/>'s workflow; null while it has none.</summary>
    public static async Task<JsonObject?> StatusAsync(HttpClient sidecar, string kind, string id)
    {
        using var response = await sidecar.GetAsync($"v1.0/workflows/dapr/{kind}-{id}");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var status = JsonNode.Parse(text)?["properties"]?["dapr.workflow.custom_status"]?.GetValue<string>();
        return string.IsNullOrEmpty(status) ? null : JsonNode.Parse(status)?.AsObject();
    }

    /// <summary>Polls until the workflow has applied <paramref name="sequence"/>; returns the last status seen either way.</summary>
    public static async Task<JsonObject?> WaitForSequenceAsync(HttpClient sidecar, string kind, string id, long sequence, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (true)
        {
            try
            {
                last = await StatusAsync(sidecar, kind, id) ?? last;
            }
            catch (HttpRequestException)
            {
                // The sidecar is between answers (a replica restarting); ask again.
            }

            if (last?["sequence"]?.GetValue<long>() >= sequence || clock.Elapsed > timeout)
            {
                return last;
            }

            await Task.Delay(200);
        }
    }
}
