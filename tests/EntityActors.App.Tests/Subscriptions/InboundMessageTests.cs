using System.Text;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Subscriptions;
using EntityActors.App.Tests.Support;

namespace EntityActors.App.Tests.Subscriptions;

public class InboundMessageTests
{
    private const int MaxBodyBytes = 1024;
    private static readonly EntityCatalog Catalog = new([Descriptors.Accounts, Descriptors.InventoryItems]);

    [Fact]
    public void A_structured_cloud_event_is_keyed_by_its_source_and_id_with_the_id_alone_as_its_former_key()
    {
        var message = Read("""{"specversion":"1.0","id":"1","source":"shop-a","type":"x","data":{"kind":"accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":5,"currency":"EUR"}}}}""");

        message.Address.Should().Be(new EntityAddress("accounts", "bob"));
        message.Submission.Name.Should().Be("deposit");
        message.Submission.IdempotencyKey.Should().StartWith("ce:src:");
        message.Submission.FormerKey.Should().Be("ce:1");
    }

    [Fact]
    public void A_given_key_is_the_key_and_there_is_no_former_one()
    {
        var message = Read("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","idempotencyKey":"k-1","body":{"amount":{"amount":5,"currency":"EUR"}}}}""");

        message.Submission.IdempotencyKey.Should().Be("k-1");
        message.Submission.FormerKey.Should().BeNull();
    }

    [Fact]
    public void Data_in_base64_and_a_raw_payload_with_its_key_are_read_and_a_kind_in_other_case_is_the_kind()
    {
        var data = """{"kind":"Accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":5,"currency":"EUR"}}}""";
        var encoded = Read($$"""{"specversion":"1.0","id":"7","source":"s","data_base64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(data))}}"}""");
        var raw = Read("""{"kind":"accounts","id":"bob","signal":"deposit","idempotencyKey":"raw-1","body":{"amount":{"amount":5,"currency":"EUR"}}}""");

        encoded.Address.Kind.Should().Be("accounts");
        raw.Submission.IdempotencyKey.Should().Be("raw-1");
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","idempotencyKey":"a","idempotencyKey":"b","body":{"amount":{"amount":2,"currency":"EUR"}}}}""", "idempotencyKey")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"inventory-items","KIND":"accounts","id":"bob","signal":"restock","body":{"quantity":1}}}""", "name the same field")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":2,"currency":"EUR"},"amount":{"amount":50,"currency":"EUR"}}}}""", "amount")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","extra":1,"body":{"amount":{"amount":2,"currency":"EUR"}}}}""", "extra")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"specversion":"1.0","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":2,"currency":"EUR"}}}}""", "no id")]
    [InlineData("""{"kind":"accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":2,"currency":"EUR"}}}""", "raw payload")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"planets","id":"bob","signal":"deposit"}}""", "unknown entity kind 'planets'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":-2,"currency":"EUR"}}}}""", "invalid-amount")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","data":"text"}""", "not a JSON object")]
    public void A_message_that_is_no_single_unambiguous_signal_is_dropped_with_its_reason(string json, string reason)
    {
        var (message, dropped) = InboundMessage.Read(Encoding.UTF8.GetBytes(json), Catalog, MaxBodyBytes);

        message.Should().BeNull();
        dropped.Should().Contain(reason);
    }

    [Fact]
    public void A_body_over_the_http_limit_is_dropped_as_it_would_be_refused_over_http()
    {
        var json = """{"specversion":"1.0","id":"1","source":"s","data":{"kind":"accounts","id":"bob","signal":"deposit","body":{"amount":{"amount":1.""" +
            new string('0', MaxBodyBytes) + ""","currency":"EUR"}}}}""";

        var (message, dropped) = InboundMessage.Read(Encoding.UTF8.GetBytes(json), Catalog, MaxBodyBytes);

        message.Should().BeNull();
        dropped.Should().Contain("MaxBodyBytes");
    }

    private static InboundMessage Read(string json)
    {
        var (message, dropped) = InboundMessage.Read(Encoding.UTF8.GetBytes(json), Catalog, MaxBodyBytes);
        message.Should().NotBeNull(dropped);
        return message!;
    }
}
