using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EntityActors.Browser.Tests;

/// <summary>The OpenAPI document the docs page and the explorer are built from, as the running app serves it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocumentTests(ExplorerFixture fixture)
{
    private static readonly Dictionary<string, string[]> Signals = new()
    {
        ["carts"] = ["add-item", "change-quantity", "remove-item", "clear", "check-out", "expire"],
        ["accounts"] = ["open", "deposit", "withdraw", "place-hold", "release-hold", "capture-hold", "close"],
        ["inventory-items"] = ["restock", "reserve", "release", "commit", "adjust"],
    };

    [Fact]
    public async Task Every_signal_has_an_example_body_and_every_problem_code_is_listed()
    {
        using var app = fixture.Environment.CreateAppClient();

        var document = (await app.GetFromJsonAsync<JsonObject>("openapi/v1.json"))!;

        foreach (var (kind, signals) in Signals)
        {
            var operation = document["paths"]![$"/{kind}/{{id}}/signals/{{signal}}"]!["post"]!;
            var examples = operation["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
            examples.Select(example => example.Key).Should().Contain(signals);
            operation["parameters"]!.AsArray().Single(parameter => (string?)parameter!["name"] == "signal")!["schema"]!["enum"]!.AsArray()
                .Select(name => (string?)name).Should().Contain(signals);
        }

        var description = (string)document["info"]!["description"]!;
        description.Should().Contain("`insufficient-funds` | 422").And.Contain("`invalid-min-sequence` | 400")
            .And.Contain("`request-body-timeout` | 408").And.Contain("`invalid-cursor` | 400");
        document["paths"]!["/accounts"]!["get"]!["parameters"]!.AsArray()
            .Single(parameter => (string?)parameter!["name"] == "status")!["schema"]!["items"]!["enum"]!.AsArray()
            .Select(name => (string?)name).Should().Contain(["open", "closed"]);
        document["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>().Should().Be("X-Api-Key");
    }
}
