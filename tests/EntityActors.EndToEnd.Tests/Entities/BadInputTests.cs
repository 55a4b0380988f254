using System.Net;
using System.Text;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>Every class of bad input gets a clear problem and changes nothing.</summary>
[Collection(DaprCollection.Name)]
public sealed class BadInputTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    private readonly string accountId = DaprAppFixture.UniqueId("bad");

    public static TheoryData<string, string, string, string, int, string> Cases() => new()
    {
        // kind, id, signal, body, status, code
        { "accounts", "{id}", "deposit", """{"amount":{"amount":5,"currency":"EUR"}""", 400, "malformed-json" },
        { "accounts", "{id}", "deposit", "[1,2]", 400, "malformed-json" },
        { "boats", "{id}", "deposit", "{}", 400, "unknown-entity-kind" },
        { "accounts", "{id}", "levitate", "{}", 400, "unknown-signal" },
        { "accounts", "bad id!", "deposit", """{"amount":{"amount":5,"currency":"EUR"}}""", 400, "invalid-entity-id" },
        { "accounts", new string('x', 65), "deposit", """{"amount":{"amount":5,"currency":"EUR"}}""", 400, "invalid-entity-id" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":0,"currency":"EUR"}}""", 400, "invalid-amount" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":-5,"currency":"EUR"}}""", 400, "invalid-amount" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":100000000000000,"currency":"EUR"}}""", 400, "invalid-amount" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":1.001,"currency":"EUR"}}""", 400, "invalid-amount" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":5,"currency":"euro"}}""", 400, "invalid-currency" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":"5","currency":"EUR"}}""", 400, "invalid-signal" },
        { "accounts", "{id}", "deposit", """{"amount":{"amount":5,"currency":"EUR"},"bonus":1}""", 400, "invalid-signal" },
        { "accounts", "{id}", "deposit", "{}", 400, "invalid-signal" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_problem_and_changes_nothing(string kind, string id, string signal, string body, int status, string code)
    {
        var target = id.Replace("{id}", accountId, StringComparison.Ordinal);

        using var response = await Api.SendRawAsync(kind, Uri.EscapeDataString(target), signal, new StringContent(body, Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        var problem = await ProblemAsync(response);
        problem["code"]!.GetValue<string>().Should().Be(code);
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        await AccountIsUntouchedAsync();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var huge = $$"""{"owner":"{{new string('a', 20_000)}}","currency":"EUR"}""";

        using var response = await Api.SendRawAsync("accounts", accountId, "open", new StringContent(huge, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("body-too-large");
        await AccountIsUntouchedAsync();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        using var response = await Api.SendRawAsync("accounts", accountId, "open", new StringContent("owner=Ann", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("unsupported-media-type");
        await AccountIsUntouchedAsync();
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_refused()
    {
        using var response = await Api.SignalAsync("accounts", accountId, "open", new { owner = "Ann", currency = "EUR" }, key: "has spaces");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response))["code"]!.GetValue<string>().Should().Be("invalid-idempotency-key");
        await AccountIsUntouchedAsync();
    }

    [Fact]
    public async Task Bad_input_to_an_existing_entity_leaves_its_version_alone()
    {
        var id = DaprAppFixture.UniqueId("bad-existing");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Ann", currency = "EUR" });

        using var response = await Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(-1) });
        var account = await Api.GetAsync("accounts", id);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        account!["sequence"]!.GetValue<long>().Should().Be(1);
        account["state"]!["balance"]!.GetValue<decimal>().Should().Be(0);
    }

    private async Task AccountIsUntouchedAsync() =>
        (await Api.GetAsync("accounts", accountId)).Should().BeNull("bad input must not create the entity");
}
