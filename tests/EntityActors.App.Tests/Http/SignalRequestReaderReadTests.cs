using System.Text;
using EntityActors.App.Engine.Options;
using EntityActors.App.Http;
using EntityActors.App.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Http;

public class SignalRequestReaderReadTests
{
    private const int Limit = 256;
    private const string Deposit = """{ "amount": { "amount": 10, "currency": "EUR" } }""";

    private readonly SignalRequestReader reader = new(Options.Create(new IntakeOptions { MaxBodyBytes = Limit }));

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/vnd.entityactors+json")]
    public async Task A_json_body_is_read_and_parsed(string contentType)
    {
        var http = Request(Deposit, contentType);

        var request = await ReadAsync(http, "deposit");

        request.Problem.Should().BeNull();
        request.Submission!.Name.Should().Be("deposit");
        request.Submission.IdempotencyKey.Should().Be("key-1");
        request.Submission.Payload.GetProperty("amount").GetProperty("amount").GetDecimal().Should().Be(10m);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("not a media type")]
    public async Task A_body_that_is_not_declared_as_utf8_json_is_an_unsupported_media_type(string contentType)
    {
        var request = await ReadAsync(Request(Deposit, contentType), "deposit");

        var problem = request.ShouldFailWith(415, "unsupported-media-type");
        problem.ProblemDetails.Detail.Should().Contain($"'{contentType}'");
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_an_unsupported_media_type()
    {
        var request = await ReadAsync(Request(Deposit, contentType: null), "deposit");

        var problem = request.ShouldFailWith(415, "unsupported-media-type");
        problem.ProblemDetails.Detail.Should().Contain("'none'");
    }

    [Fact]
    public async Task An_empty_body_needs_no_content_type()
    {
        var request = await ReadAsync(Request("", contentType: null), "close");

        request.Problem.Should().BeNull();
        request.Submission!.Payload.GetRawText().Should().Be("""{"type":"close"}""");
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_without_reading_the_body()
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = Limit + 1;
        http.Request.Body = new UnreadableStream();

        var request = await ReadAsync(http, "deposit");

        var problem = request.ShouldFailWith(413, "body-too-large");
        problem.ProblemDetails.Detail.Should().Contain($"{Limit} bytes");
    }

    [Fact]
    public async Task A_body_without_a_declared_length_is_cut_off_just_past_the_limit()
    {
        var body = new EndlessStream();
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = body;

        var request = await ReadAsync(http, "deposit");

        request.ShouldFailWith(413, "body-too-large");
        body.BytesRead.Should().Be(Limit + 1, "the reader needs one byte past the limit to know, and no more");
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not()
    {
        var exactly = Deposit.PadRight(Limit);
        Encoding.UTF8.GetByteCount(exactly).Should().Be(Limit);

        var atLimit = await ReadAsync(Request(exactly, "application/json", declareLength: false), "deposit");
        var overLimit = await ReadAsync(Request(exactly + " ", "application/json", declareLength: false), "deposit");

        atLimit.Problem.Should().BeNull();
        overLimit.ShouldFailWith(413, "body-too-large");
    }

    [Fact]
    public async Task An_unknown_signal_is_refused_before_the_body_is_read()
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new UnreadableStream();

        var request = await ReadAsync(http, "teleport");

        request.ShouldFailWith(400, "unknown-signal");
    }

    [Fact]
    public async Task A_json_body_that_breaks_the_schema_is_a_bad_request()
    {
        var request = await ReadAsync(Request("""{ "amount": 10 }""", "application/json"), "deposit");

        request.ShouldFailWith(400, "invalid-signal");
    }

    private Task<SignalRequest> ReadAsync(HttpContext http, string signal) =>
        reader.ReadAsync(http.Request, Descriptors.Accounts, signal, "key-1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

    private static DefaultHttpContext Request(string body, string? contentType, bool declareLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(bytes);
        if (declareLength)
        {
            http.Request.ContentLength = bytes.Length;
        }

        return http;
    }
}
