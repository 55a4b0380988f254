using System.Text.Json.Nodes;

namespace EntityActors.EndToEnd.Tests.ReadModel;

/// <summary>The operator endpoints are in <c>/openapi/v1.json</c> with typed answers and their problems.</summary>
[Collection(DaprCollection.Name)]
public sealed class OpenApiDocumentTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    [Theory]
    [InlineData("/accounts", "get", "200", "400")]
    [InlineData("/carts", "get", "200", "400")]
    [InlineData("/inventory-items", "get", "200", "400")]
    [InlineData("/accounts/{id}/history", "get", "200", "404")]
    [InlineData("/carts/{id}", "delete", "204", "404")]
    [InlineData("/admin/read-model/rebuild", "post", "202", null)]
    [InlineData("/admin/read-model", "get", "200", null)]
    public async Task Each_operator_endpoint_is_described_with_its_answers(string path, string method, string success, string? problem)
    {
        var document = JsonNode.Parse(await Api.Http.GetStringAsync("openapi/v1.json"))!;

        var responses = document["paths"]?[path]?[method]?["responses"]?.AsObject();

        responses.Should().NotBeNull($"{method.ToUpperInvariant()} {path} should be in the document");
        responses!.Select(r => r.Key).Should().Contain(success);
        if (problem is not null)
        {
            responses![problem]!["content"]!.AsObject().Select(c => c.Key).Should().Contain("application/problem+json");
        }
    }

    [Fact]
    public async Task A_list_answer_is_typed_per_kind_down_to_its_summary()
    {
        var text = await Api.Http.GetStringAsync("openapi/v1.json");
        var document = JsonNode.Parse(text)!;

        var schema = document["paths"]!["/accounts"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();

        schema.Should().Contain("EntityListPage");
        text.Should().Contain("AccountSummary").And.Contain("InventoryItemSummary").And.Contain("CartSummary").And.Contain("HistoryPage");
    }
}
