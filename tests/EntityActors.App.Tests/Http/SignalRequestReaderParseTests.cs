using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Tests.Http;

public class SignalRequestReaderParseTests
{
    private const string TenEuros = """{ "amount": { "amount": 10.5, "currency": "EUR" } }""";

    [Fact]
    public void A_valid_body_becomes_a_submission_with_a_canonical_payload_that_names_its_type()
    {
        var request = Parse(Descriptors.Accounts, "deposit", TenEuros);

        request.Problem.Should().BeNull();
        var submission = request.Submission!;
        submission.Name.Should().Be("deposit");
        submission.IdempotencyKey.Should().Be("key-1");
        JsonNode.DeepEquals(JsonNode.Parse(submission.Payload.GetRawText()), JsonNode.Parse("""{ "type": "deposit", "amount": { "amount": 10.5, "currency": "EUR" } }"""))
            .Should().BeTrue("the payload was {0}", submission.Payload.GetRawText());
        submission.Payload.EnumerateObject().First().Name.Should().Be("type", "the discriminator leads, so any reader can dispatch on it");
        submission.PayloadHash.Should().MatchRegex("^[0-9A-F]{64}$");
    }

    [Fact]
    public void The_canonical_payload_reads_back_as_the_signal_it_describes()
    {
        var request = Parse(Descriptors.Accounts, "place-hold", """{ "holdId": "h-1", "amount": { "amount": 3, "currency": "EUR" } }""");

        var signal = request.Submission!.Payload.Deserialize<AccountSignal>(EntityJson.Options);

        signal.Should().Be(new PlaceHold("h-1", new(3m, "EUR")));
    }

    [Fact]
    public void A_type_in_the_body_that_repeats_the_routes_signal_is_the_same_request()
    {
        var request = Parse(Descriptors.Accounts, "deposit", """{ "type": "deposit", "amount": { "amount": 10.5, "currency": "EUR" } }""");

        request.Submission!.Payload.GetProperty("type").GetString().Should().Be("deposit");
        request.Submission.PayloadHash.Should().Be(Parse(Descriptors.Accounts, "deposit", TenEuros).Submission!.PayloadHash);
    }

    [Theory]
    [InlineData("\"withdraw\"")]
    [InlineData("\"Deposit\"")]
    [InlineData("7")]
    [InlineData("null")]
    public void A_type_in_the_body_that_contradicts_the_routes_signal_is_a_bad_request(string type)
    {
        var request = Parse(Descriptors.Accounts, "deposit", $$"""{ "type": {{type}}, "amount": { "amount": 10.5, "currency": "EUR" } }""");

        request.ShouldFailWith(400, "invalid-signal").ProblemDetails.Detail.Should().Contain("'deposit'");
    }

    [Theory]
    [InlineData("complete-checkout", """{ "checkoutId": "c-1-checkout-1" }""")]
    [InlineData("fail-checkout", """{ "checkoutId": "c-1-checkout-1", "reason": "mine" }""")]
    public void A_signal_only_the_checkout_saga_sends_is_unknown_to_clients_and_known_to_workflows(string signal, string body)
    {
        var fromClient = Parse(Descriptors.Carts, signal, body);
        var fromWorkflow = SignalRequestReader.ParseFromWorkflow(Descriptors.Carts, signal, Encoding.UTF8.GetBytes(body), "key-1");

        var problem = fromClient.ShouldFailWith(400, "unknown-signal");
        problem.ProblemDetails.Detail.Should().Contain("add-item, change-quantity, check-out, clear, expire, remove-item.");
        fromWorkflow.Problem.Should().BeNull();
        fromWorkflow.Submission!.Name.Should().Be(signal);
    }

    [Theory]
    [InlineData("""{ "amount": { "amount": 1, "currency": "EUR" }, "Amount": { "amount": 500, "currency": "EUR" } }""", "'amount' and 'Amount'")]
    [InlineData("""{ "amount": { "amount": 1, "AMOUNT": 7, "currency": "EUR" } }""", "'amount' and 'AMOUNT'")]
    public void Two_fields_whose_names_differ_only_in_case_are_a_bad_request(string body, string named) =>
        Parse(Descriptors.Accounts, "deposit", body).ShouldFailWith(400, "malformed-json").ProblemDetails.Detail.Should().Contain(named);

    [Theory]
    [InlineData("5.00000000000000000000000000001")]
    [InlineData("1.5e-28")]
    [InlineData("0.000000000000000000000000000015e1")]
    public void A_number_finer_than_any_decimal_is_a_bad_request_not_rounded(string amount) =>
        Parse(Descriptors.Accounts, "deposit", $$"""{ "amount": { "amount": {{amount}}, "currency": "EUR" } }""")
            .ShouldFailWith(400, "invalid-signal").ProblemDetails.Detail.Should().Contain("more than 28 decimal places");

    [Theory]
    [InlineData("5.000000000000000000000000000000000")]
    [InlineData("500e-2")]
    [InlineData("0.05e2")]
    public void Trailing_zeros_and_exponents_do_not_count_as_decimal_places(string amount) =>
        Parse(Descriptors.Accounts, "deposit", $$"""{ "amount": { "amount": {{amount}}, "currency": "EUR" } }""")
            .Submission!.Payload.GetProperty("amount").GetProperty("amount").GetDecimal().Should().Be(5m);

    [Theory]
    [InlineData("1.0000000000", "1.00")]
    [InlineData("2.500", "2.50")]
    [InlineData("3.1", "3.1")]
    public void An_amount_written_with_zeros_past_two_decimal_places_is_stored_at_two_so_no_balance_carries_them(string amount, string stored)
    {
        var payload = Parse(Descriptors.Accounts, "deposit", $$"""{ "amount": { "amount": {{amount}}, "currency": "EUR" } }""").Submission!.Payload;

        payload.GetProperty("amount").GetProperty("amount").GetRawText().Should().Be(stored);
    }

    [Fact]
    public void An_unknown_signal_is_a_bad_request_that_lists_the_known_ones()
    {
        var request = Parse(Descriptors.Accounts, "teleport", TenEuros);

        var problem = request.ShouldFailWith(400, "unknown-signal");
        problem.ProblemDetails.Detail.Should().Contain("'teleport'")
            .And.Contain("capture-hold, close, deposit, open, place-hold, release-hold, withdraw");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{ "amount": }""")]
    [InlineData("""{ "amount": { "amount": 1, "currency": "EUR" }, }""")]
    [InlineData("""{ 'amount': 1 }""")]
    [InlineData("not json")]
    public void Malformed_json_is_a_bad_request(string body) =>
        Parse(Descriptors.Accounts, "deposit", body).ShouldFailWith(400, "malformed-json");

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{ "amount": { "amount": 1, "currency": "EUR" } }]""")]
    [InlineData("42")]
    [InlineData("\"deposit\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_body_that_is_not_a_json_object_is_a_bad_request(string body)
    {
        var problem = Parse(Descriptors.Accounts, "deposit", body).ShouldFailWith(400, "malformed-json");

        problem.ProblemDetails.Detail.Should().Be("The body must be a JSON object.");
    }

    [Fact]
    public void A_body_nested_deeper_than_allowed_is_a_bad_request()
    {
        var body = "{\"amount\":" + string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 21);

        Parse(Descriptors.Accounts, "deposit", body).ShouldFailWith(400, "malformed-json");
    }

    [Theory]
    [InlineData("""{ "amount": { "amount": 1, "currency": "EUR" }, "amount": { "amount": 1000, "currency": "EUR" } }""")]
    [InlineData("""{ "amount": { "amount": 1, "amount": 1000, "currency": "EUR" } }""")]
    public void A_field_given_twice_is_a_bad_request_not_a_crash(string body)
    {
        var act = () => Parse(Descriptors.Accounts, "deposit", body);

        act.Should().NotThrow().Subject.ShouldFailWith(400, "malformed-json");
    }

    [Theory]
    [InlineData("""{ "amount": { "amount": 1, "currency": "EUR" }, "memo": "rent" }""")]
    [InlineData("""{ "amount": { "amount": 1, "currency": "EUR", "rate": 1.1 } }""")]
    public void An_unknown_field_is_a_bad_request(string body)
    {
        var problem = Parse(Descriptors.Accounts, "deposit", body).ShouldFailWith(400, "invalid-signal");

        problem.ProblemDetails.Detail.Should().StartWith("The deposit body does not fit its schema");
    }

    [Theory]
    [InlineData("deposit", "{}")]
    [InlineData("deposit", """{ "amount": { "amount": 1 } }""")]
    [InlineData("open", """{ "owner": "Ada" }""")]
    [InlineData("place-hold", """{ "amount": { "amount": 1, "currency": "EUR" } }""")]
    public void A_missing_required_field_is_a_bad_request(string signal, string body) =>
        Parse(Descriptors.Accounts, signal, body).ShouldFailWith(400, "invalid-signal");

    [Theory]
    [InlineData("""{ "amount": null }""")]
    [InlineData("""{ "amount": { "amount": 1, "currency": null } }""")]
    public void A_null_where_a_value_is_required_is_a_bad_request(string body) =>
        Parse(Descriptors.Accounts, "deposit", body).ShouldFailWith(400, "invalid-signal");

    [Theory]
    [InlineData("""{ "sku": "sku-1", "quantity": "2", "unitPrice": { "amount": 1, "currency": "EUR" } }""")]
    [InlineData("""{ "sku": "sku-1", "quantity": 2.5, "unitPrice": { "amount": 1, "currency": "EUR" } }""")]
    [InlineData("""{ "sku": 17, "quantity": 2, "unitPrice": { "amount": 1, "currency": "EUR" } }""")]
    [InlineData("""{ "sku": "sku-1", "quantity": 2, "unitPrice": { "amount": "1", "currency": "EUR" } }""")]
    [InlineData("""{ "sku": "sku-1", "quantity": 2, "unitPrice": 1 }""")]
    public void A_value_of_the_wrong_json_type_is_a_bad_request(string body) =>
        Parse(Descriptors.Carts, "add-item", body).ShouldFailWith(400, "invalid-signal");

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1000000000.01")]
    [InlineData("1e15")]
    [InlineData("10.123")]
    [InlineData("0.001")]
    public void An_amount_that_is_not_positive_absurd_or_finer_than_cents_is_a_bad_request(string amount)
    {
        var problem = Parse(Descriptors.Accounts, "deposit", $$"""{ "amount": { "amount": {{amount}}, "currency": "EUR" } }""")
            .ShouldFailWith(400, "invalid-amount");

        problem.ProblemDetails.Detail.Should().Contain("amount");
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    public void A_currency_that_is_not_an_iso_code_is_a_bad_request(string currency) =>
        Parse(Descriptors.Accounts, "withdraw", $$"""{ "amount": { "amount": 1, "currency": "{{currency}}" } }""")
            .ShouldFailWith(400, "invalid-currency");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void A_quantity_out_of_range_is_a_bad_request(int quantity) =>
        Parse(Descriptors.Carts, "add-item", $$"""{ "sku": "sku-1", "quantity": {{quantity}}, "unitPrice": { "amount": 1, "currency": "EUR" } }""")
            .ShouldFailWith(400, "invalid-quantity");

    [Theory]
    [InlineData("accounts", "close")]
    [InlineData("carts", "clear")]
    [InlineData("carts", "expire")]
    public void A_signal_without_fields_takes_an_empty_body(string kind, string signal)
    {
        var entity = kind == "accounts" ? Descriptors.Accounts : Descriptors.Carts;

        var request = Parse(entity, signal, "");

        request.Problem.Should().BeNull();
        request.Submission!.Payload.GetRawText().Should().Be($$"""{"type":"{{signal}}"}""");
        request.Submission.PayloadHash.Should().Be(Parse(entity, signal, "{}").Submission!.PayloadHash, "an empty body means an empty object");
    }

    [Fact]
    public void An_empty_body_for_a_signal_with_required_fields_is_a_bad_request() =>
        Parse(Descriptors.Accounts, "deposit", "").ShouldFailWith(400, "invalid-signal");

    [Fact]
    public void The_same_request_written_differently_has_the_same_payload_hash()
    {
        var compact = Parse(Descriptors.Carts, "add-item", """{"sku":"sku-1","quantity":2,"unitPrice":{"amount":1.25,"currency":"EUR"}}""");
        var reordered = Parse(Descriptors.Carts, "add-item", """
            {
              "unitPrice": { "currency": "EUR", "amount": 1.25 },
              "quantity": 2,
              "SKU": "sku-1"
            }
            """);

        compact.Submission!.PayloadHash.Should().Be(reordered.Submission!.PayloadHash);
        compact.Submission.Payload.GetRawText().Should().Be(reordered.Submission.Payload.GetRawText());
    }

    [Theory]
    [InlineData("add-item", """{"sku":"sku-1","quantity":3,"unitPrice":{"amount":1.25,"currency":"EUR"}}""")]
    [InlineData("add-item", """{"sku":"sku-2","quantity":2,"unitPrice":{"amount":1.25,"currency":"EUR"}}""")]
    [InlineData("add-item", """{"sku":"sku-1","quantity":2,"unitPrice":{"amount":1.26,"currency":"EUR"}}""")]
    [InlineData("add-item", """{"sku":"sku-1","quantity":2,"unitPrice":{"amount":1.25,"currency":"USD"}}""")]
    [InlineData("change-quantity", """{"sku":"sku-1","quantity":2}""")]
    public void A_different_request_has_a_different_payload_hash(string signal, string body)
    {
        var original = Parse(Descriptors.Carts, "add-item", """{"sku":"sku-1","quantity":2,"unitPrice":{"amount":1.25,"currency":"EUR"}}""");

        var other = Parse(Descriptors.Carts, signal, body);

        other.Submission!.PayloadHash.Should().NotBe(original.Submission!.PayloadHash);
    }

    [Theory]
    [InlineData("10.50")]
    [InlineData("10.500")]
    [InlineData("1.05e1")]
    public void The_same_amount_written_another_way_has_the_same_payload_hash(string amount)
    {
        var plain = Parse(Descriptors.Accounts, "deposit", TenEuros);

        var rewritten = Parse(Descriptors.Accounts, "deposit", $$"""{ "amount": { "amount": {{amount}}, "currency": "EUR" } }""");

        rewritten.Submission!.PayloadHash.Should().Be(plain.Submission!.PayloadHash, "a client retrying with {0} repeats itself", amount);
    }

    [Fact]
    public void The_same_fields_sent_as_a_different_signal_have_a_different_payload_hash()
    {
        var deposit = Parse(Descriptors.Accounts, "deposit", TenEuros);

        var withdraw = Parse(Descriptors.Accounts, "withdraw", TenEuros);

        withdraw.Submission!.PayloadHash.Should().NotBe(deposit.Submission!.PayloadHash);
    }

    private static SignalRequest Parse(EntityDescriptor entity, string signal, string body) =>
        SignalRequestReader.Parse(entity, signal, Encoding.UTF8.GetBytes(body), "key-1");
}
