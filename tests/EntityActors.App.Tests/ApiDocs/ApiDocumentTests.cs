using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntityActors.App.Http;
using EntityActors.App.Tests.Support;

namespace EntityActors.App.Tests.ApiDocs;

/// <summary>The API document as the app serves it tells clients what the server really reads, sends and refuses.</summary>
public class ApiDocumentTests
{
    private static readonly string[] Kinds = ["carts", "accounts", "inventory-items"];
    private static readonly string[] BodyStatuses = ["408", "413", "415"];

    [Fact]
    public async Task The_document_reads_back_as_valid_OpenAPI() =>
        (await ApiDocument.ErrorsAsync()).Should().BeEmpty();

    [Fact]
    public async Task Signal_operations_declare_the_idempotency_key_the_wait_preference_and_the_wait_query()
    {
        var document = await ApiDocument.LoadAsync();

        foreach (var kind in Kinds)
        {
            var parameters = Operation(document, $"/{kind}/{{id}}/signals/{{signal}}", "post")["parameters"]!.AsArray();
            var key = Parameter(parameters, "Idempotency-Key", "header");
            key["schema"]!["pattern"]!.GetValue<string>().Should().Be(IdempotencyKeys.JsonPattern);
            key["schema"]!["maxLength"]!.GetValue<int>().Should().Be(IdempotencyKeys.MaxLength);
            Parameter(parameters, "Prefer", "header")["description"]!.GetValue<string>().Should().Contain("wait=N").And.Contain("3600");
            var wait = Parameter(parameters, "wait", "query");
            wait["description"]!.GetValue<string>().Should().Contain("true").And.Contain("Prefer");
            wait["schema"]!["anyOf"]!.AsArray().Should().HaveCount(2);
        }

        Parameter(Operation(document, "/accounts/{id}", "get")["parameters"]!.AsArray(), "Prefer", "header").Should().NotBeNull();
        Parameter(Operation(document, "/accounts", "get")["parameters"]!.AsArray(), "Prefer", "header").Should().NotBeNull();
        Parameter(Operation(document, "/inventory-items/bulk/restock", "post")["parameters"]!.AsArray(), "Idempotency-Key", "header").Should().NotBeNull();
    }

    [Theory]
    [InlineData("key-1", true)]
    [InlineData("a.b:c_d-e", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("new\nline", false)]
    [InlineData("é", false)]
    public void The_documented_key_pattern_takes_what_the_server_takes(string key, bool valid)
    {
        IdempotencyKeys.IsValid(key).Should().Be(valid);
        Regex.IsMatch(key, IdempotencyKeys.JsonPattern).Should().Be(valid);
    }

    [Theory]
    [InlineData("cart-1", true)]
    [InlineData("A_b", true)]
    [InlineData("-leading", false)]
    [InlineData("a.b", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    public void The_documented_entity_id_pattern_takes_what_the_server_takes(string id, bool valid)
    {
        EntityIds.IsValid(id).Should().Be(valid);
        Regex.IsMatch(id, EntityIds.Pattern).Should().Be(valid);
        EntityIds.IsValid(new string('a', EntityIds.MaxLength + 1)).Should().BeFalse();
        Regex.IsMatch(new string('a', EntityIds.MaxLength + 1), EntityIds.Pattern).Should().BeFalse();
    }

    [Fact]
    public async Task Responses_declare_the_headers_the_server_sends_with_them()
    {
        var document = await ApiDocument.LoadAsync();

        var signal = Operation(document, "/accounts/{id}/signals/{signal}", "post")["responses"]!;
        Headers(signal["202"]!).Should().Contain(["Location", "Idempotency-Key", "Idempotent-Replayed", "Entity-Writer"]).And.NotContain("Preference-Applied");
        Headers(signal["200"]!).Should().Contain(["Idempotency-Key", "Idempotent-Replayed", "Preference-Applied", "Entity-Writer"]).And.NotContain("Location");
        Headers(signal["422"]!).Should().Contain(["Idempotency-Key", "Preference-Applied"]);
        Headers(signal["503"]!).Should().Contain(["Retry-After", "Idempotency-Key"]);
        Headers(Operation(document, "/checkouts/{checkoutId}", "get")["responses"]!["503"]!).Should().Contain("Retry-After");
        Headers(Operation(document, "/checkouts/{checkoutId}/approve", "post")["responses"]!["202"]!).Should().Contain("Location");
        Headers(Operation(document, "/inventory-items/bulk/restock", "post")["responses"]!["202"]!).Should().Contain(["Location", "Idempotent-Replayed"]);
        Headers(Operation(document, "/accounts/{id}", "delete")["responses"]!["503"]!).Should().NotContain("Retry-After", "a failed delete sets none");
        foreach (var (_, operation) in Operations(document))
        {
            Headers(operation["responses"]!["405"]!).Should().Contain("Allow");
        }
    }

    [Fact]
    public async Task Checkout_decisions_the_resolution_and_bulk_requests_document_their_bodies()
    {
        var document = await ApiDocument.LoadAsync();

        foreach (var decision in new[] { "approve", "deny" })
        {
            var body = Operation(document, $"/checkouts/{{checkoutId}}/{decision}", "post")["requestBody"]!;
            ((bool?)body["required"] ?? false).Should().BeFalse();
            var schema = body["content"]!["application/json"]!["schema"]!;
            Names(schema["properties"]!).Should().BeEquivalentTo("by", "comment");
            schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
            body["content"]!["application/json"]!["example"].Should().NotBeNull();
        }

        var resolve = Operation(document, "/checkouts/{checkoutId}/resolve", "post")["requestBody"]!;
        resolve["required"]!.GetValue<bool>().Should().BeTrue();
        var resolution = resolve["content"]!["application/json"]!["schema"]!;
        resolution["required"]!.AsArray().Select(name => (string?)name).Should().BeEquivalentTo("cart", "by");
        resolution["properties"]!["cart"]!["enum"]!.AsArray().Select(value => (string?)value).Should().BeEquivalentTo("checked-out", "open");

        var restock = Operation(document, "/inventory-items/bulk/restock", "post")["requestBody"]!;
        restock["required"]!.GetValue<bool>().Should().BeTrue();
        var line = restock["content"]!["application/json"]!["schema"]!["items"]!;
        line["required"]!.AsArray().Select(name => (string?)name).Should().BeEquivalentTo("id", "quantity");

        var expire = Operation(document, "/carts/bulk/expire", "post")["requestBody"]!;
        ((bool?)expire["required"] ?? false).Should().BeFalse("without a body every idle cart the read model knows is considered");
        expire["content"]!["application/json"]!["schema"]!["properties"]!["cartIds"]!["items"]!["pattern"]!.GetValue<string>().Should().Be(EntityIds.Pattern);
    }

    [Fact]
    public async Task Each_signal_has_its_own_schema_with_fields_types_and_what_is_required()
    {
        var document = await ApiDocument.LoadAsync();
        var schemas = document["components"]!["schemas"]!;

        var anyOf = Operation(document, "/accounts/{id}/signals/{signal}", "post")["requestBody"]!["content"]!["application/json"]!["schema"]!["anyOf"]!.AsArray();
        anyOf.Select(schema => (string?)schema!["$ref"]).Should().Contain("#/components/schemas/DepositSignal").And.HaveCount(7);
        var deposit = schemas["DepositSignal"]!;
        deposit["required"]!.AsArray().Select(name => (string?)name).Should().Equal("amount");
        deposit["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
        var amount = deposit["properties"]!["amount"]!;
        var money = amount["$ref"] is { } reference ? schemas[((string)reference!).Split('/')[^1]]! : amount;
        money["required"]!.AsArray().Select(name => (string?)name).Should().BeEquivalentTo("amount", "currency");
        var addItem = schemas["AddItemSignal"]!;
        addItem["properties"]!["quantity"]!["type"]!.GetValue<string>().Should().Be("integer");
        addItem["required"]!.AsArray().Select(name => (string?)name).Should().BeEquivalentTo("sku", "quantity", "unitPrice");
        schemas["ClearCartSignal"]!["required"].Should().BeNull("clear takes no fields");
    }

    [Fact]
    public async Task The_problem_schema_has_the_stable_code_the_trace_id_and_the_extensions()
    {
        var document = await ApiDocument.LoadAsync();

        var problem = document["components"]!["schemas"]!["ProblemDetails"]!;

        problem["required"]!.AsArray().Select(name => (string?)name).Should().Contain("code");
        Names(problem["properties"]!).Should().Contain(["code", "traceId", "signalId", "sequence", "version", "duplicate", "invalidLines", "lines"]);
        problem["properties"]!["code"]!["type"]!.GetValue<string>().Should().Be("string");
        problem["additionalProperties"].Should().BeOfType<JsonObject>().Which.Should().BeEmpty("any other extension is allowed");
        Names(problem["properties"]!["lines"]!["items"]!["properties"]!).Should().BeEquivalentTo("line", "code", "detail");
    }

    [Fact]
    public async Task Only_operations_that_read_a_body_list_body_problems_and_the_servers_own_refusals_say_they_have_no_body()
    {
        var document = await ApiDocument.LoadAsync();

        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            if (operation["requestBody"] is null)
            {
                responses.Select(response => response.Key).Should().NotContain(BodyStatuses, name);
            }

            foreach (var (status, code) in new[] { ("414", "uri-too-long"), ("431", "headers-too-large") })
            {
                responses[status]!["content"]!["application/problem+json"]!["examples"]!.AsObject().Select(example => example.Key)
                    .Should().Equal([code], $"{name}: the app answers an over-long target or headers with a problem");
                responses[status]!["description"]!.GetValue<string>().Should().Contain("empty body", $"{name}: far over the limit, the server answers {status} itself");
            }

            responses["400"]!["description"]!.GetValue<string>().Should().Contain("empty body", name);
            if (name.StartsWith("GET ", StringComparison.Ordinal))
            {
                responses.Select(response => response.Key).Should().NotContain(["409", "422"], $"{name}: only a signal, a decision or a delete answers with the entity's or the checkout's state");
            }
        }

        Operation(document, "/accounts/{id}/signals/{signal}", "post")["responses"]!.AsObject().Select(response => response.Key).Should().Contain(BodyStatuses);
        Operation(document, "/checkouts/{checkoutId}/resolve", "post")["responses"]!.AsObject().Select(response => response.Key).Should().Contain(["413", "415"]);
    }

    [Fact]
    public async Task Every_id_in_a_path_has_its_pattern_and_length()
    {
        var document = await ApiDocument.LoadAsync();

        var ids = Operations(document)
            .SelectMany(operation => operation.Operation["parameters"]?.AsArray() ?? [])
            .Where(parameter => (string?)parameter!["in"] == "path" && (string?)parameter["name"] is "id" or "checkoutId")
            .ToList();

        ids.Should().HaveCountGreaterThan(10);
        ids.Should().OnlyContain(parameter => parameter!["schema"]!["pattern"] != null && parameter["schema"]!["maxLength"] != null);
        ids.Where(parameter => (string?)parameter!["name"] == "id").Should().OnlyContain(parameter =>
            (string?)parameter!["schema"]!["pattern"] == EntityIds.Pattern && (int)parameter["schema"]!["maxLength"]! == EntityIds.MaxLength);
    }

    private static JsonNode Operation(JsonObject document, string path, string method) =>
        document["paths"]?[path]?[method] ?? throw new InvalidOperationException($"{method} {path} is not in the document");

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(method => method.Key is "get" or "post" or "delete" or "put" or "patch" or "head")
            .Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!)));

    private static JsonNode Parameter(JsonArray parameters, string name, string location) =>
        parameters.SingleOrDefault(parameter => (string?)parameter!["name"] == name && (string?)parameter["in"] == location)
        ?? throw new InvalidOperationException($"no {location} parameter {name}");

    private static IEnumerable<string> Headers(JsonNode response) => Names(response["headers"] ?? new JsonObject());

    private static IEnumerable<string> Names(JsonNode node) => node.AsObject().Select(property => property.Key);
}
