using System.Net;
using System.Text;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.Domain.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EntityActors.App.Tests.Engine.Intake;

public class PeerWritersTests
{
    private const string Peer = "http://10.0.0.2:8080/";
    private static readonly EntityAddress Address = new("accounts", "a 1");

    [Fact]
    public async Task Without_a_hint_nothing_is_sent_and_the_caller_goes_through_the_sidecar()
    {
        var peer = new FakePeer(_ => throw new InvalidOperationException("no call expected"));
        var (writers, _) = NewWriters(peer);

        (await writers.TrySubmitAsync(Address, Request(), CancellationToken.None)).Should().BeNull();
        peer.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_hinted_writer_gets_the_batch_with_the_app_token_and_its_answer_a_refusal_included_comes_back_whole_naming_that_writer()
    {
        var refused = new SignalOutcome(2, "accounts-a 1:2", "withdraw", "k-1", false, 1,
            new Rejection("insufficient-funds", "Balance 0.00 is less than 2.00.", RejectionKind.Conflict), DateTimeOffset.UnixEpoch);
        var answer = new SubmitResponse([new SignalReceipt("accounts-a 1:2", "accounts", "a 1", "k-1", "withdraw", 2, DateTimeOffset.UnixEpoch, false, false, refused)]);
        var peer = new FakePeer(_ => Json(HttpStatusCode.OK, answer));
        var (writers, hints) = NewWriters(peer, token: "s3cret");
        hints.Learn(Address, Peer);

        var response = await writers.TrySubmitAsync(Address, Request(), CancellationToken.None);

        response.Should().BeEquivalentTo(answer with { Writer = Peer });
        var sent = peer.Requests.Should().ContainSingle().Subject;
        sent.Uri.Should().Be(new Uri($"{Peer}peers/writers/accounts/a%201/submit"));
        sent.Token.Should().Be("s3cret");
        JsonSerializer.Deserialize<SubmitRequest>(sent.Body, EntityJson.Options)!.Signals.Should().ContainSingle().Which.IdempotencyKey.Should().Be("k-1");
        hints.TryGet(Address, out _).Should().BeTrue("the writer answered: it is still there");
    }

    [Theory]
    [InlineData(HttpStatusCode.MisdirectedRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task A_peer_that_declines_or_fails_is_forgotten_and_the_caller_goes_through_the_sidecar(HttpStatusCode status)
    {
        var peer = new FakePeer(_ => new HttpResponseMessage(status));
        var (writers, hints) = NewWriters(peer);
        hints.Learn(Address, Peer);

        (await writers.TrySubmitAsync(Address, Request(), CancellationToken.None)).Should().BeNull();
        hints.TryGet(Address, out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_peer_out_of_reach_or_answering_unreadably_is_forgotten_and_the_caller_goes_through_the_sidecar()
    {
        foreach (var failure in new Func<HttpRequestMessage, HttpResponseMessage>[]
                 {
                     _ => throw new HttpRequestException("connection refused"),
                     _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"receipts\":", Encoding.UTF8, "application/json") },
                 })
        {
            var (writers, hints) = NewWriters(new FakePeer(failure));
            hints.Learn(Address, Peer);

            (await writers.TrySubmitAsync(Address, Request(), CancellationToken.None)).Should().BeNull();
            hints.TryGet(Address, out _).Should().BeFalse();
        }
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_told_so_and_the_hint_is_forgotten()
    {
        using var cancelled = new CancellationTokenSource();
        var (writers, hints) = NewWriters(new FakePeer(_ =>
        {
            cancelled.Cancel();
            cancelled.Token.ThrowIfCancellationRequested();
            return null!;
        }));
        hints.Learn(Address, Peer);

        await writers.Invoking(w => w.TrySubmitAsync(Address, Request(), cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        hints.TryGet(Address, out _).Should().BeFalse();
    }

    private static (PeerWriters Writers, WriterHints Hints) NewWriters(FakePeer peer, string? token = null)
    {
        var hints = WriterHintsTests.NewHints(new WriterHintsTests.SteppingClock(), TimeSpan.FromMinutes(1));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(token is null ? [] : [new KeyValuePair<string, string?>("APP_API_TOKEN", token)])
            .Build();
        return (new PeerWriters(new Clients(peer), hints, configuration, NullLogger<PeerWriters>.Instance), hints);
    }

    private static SubmitRequest Request() =>
        new([new SignalSubmission("k-1", "withdraw", JsonSerializer.SerializeToElement(new { amount = 2 }), "hash-k-1")]);

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T value) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(value, EntityJson.Options), Encoding.UTF8, "application/json") };

    private sealed record SentRequest(Uri Uri, string? Token, string Body);

    private sealed class FakePeer(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SentRequest(request.RequestUri!, request.Headers.TryGetValues("dapr-api-token", out var tokens) ? tokens.Single() : null, body));
            return answer(request);
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
