using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Actors.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Engine.Intake;

public class SignalGatewayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly EntityAddress Address = new("accounts", "a-1");

    [Fact]
    public async Task A_writer_that_does_not_answer_within_the_bound_fails_the_signal_as_a_timeout_the_caller_may_retry()
    {
        var writer = new ScriptedWriter();
        writer.Answers.Enqueue(_ => new TaskCompletionSource<SubmitResponse?>().Task);
        var gateway = NewGateway(writer);

        var submitting = () => gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None).WaitAsync(Patience);

        (await submitting.Should().ThrowAsync<WriterTimeoutException>()).Which.Message.Should().Contain("accounts/a-1");
    }

    [Fact]
    public async Task Signals_queued_behind_a_writer_call_that_hangs_go_out_once_it_is_given_up()
    {
        var (writer, hung) = HangsThenAnswers();
        // No hedge: on a machine that stalls past the hedge delay, its timer can fire before the bound's and answer.
        var gateway = NewGateway(writer, intake: new IntakeOptions { WriterCallTimeout = TimeSpan.FromMilliseconds(200), WriterCallHedgeAfter = TimeSpan.Zero });

        var first = gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None);
        await writer.Called.Task.WaitAsync(Patience);
        var second = gateway.SubmitAsync(Address, Submission("k-2"), CancellationToken.None);

        await first.Invoking(task => task.WaitAsync(Patience)).Should().ThrowAsync<WriterTimeoutException>();
        (await second.WaitAsync(Patience)).Receipt.IdempotencyKey.Should().Be("k-2");
        hung.SetResult(null);
    }

    [Fact]
    public async Task A_writer_call_unanswered_past_the_hedge_delay_is_made_again_and_its_answer_taken()
    {
        var (writer, hung) = HangsThenAnswers();
        var gateway = NewGateway(writer, intake: new IntakeOptions { WriterCallTimeout = TimeSpan.FromSeconds(5), WriterCallHedgeAfter = TimeSpan.FromMilliseconds(50) });

        var answer = await gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));

        answer.Receipt.IdempotencyKey.Should().Be("k-1");
        writer.Answers.Should().BeEmpty("the writer was called twice");
        hung.SetResult(null);
    }

    [Fact]
    public async Task A_batch_for_a_writer_another_replica_named_goes_straight_to_that_replica()
    {
        var peer = new PeerWriter(request => Answer(request));
        var hints = WriterHintsTests.NewHints(new WriterHintsTests.SteppingClock(), TimeSpan.FromMinutes(1));
        hints.Learn(Address, "http://10.0.0.2:8080/");
        var gateway = NewGateway(writer: null, peer, hints);

        var answer = await gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None).WaitAsync(Patience);

        answer.Receipt.IdempotencyKey.Should().Be("k-1");
        peer.Paths.Should().ContainSingle().Which.Should().Be("/peers/writers/accounts/a-1/submit");
    }

    [Fact]
    public async Task With_clients_told_an_answer_names_the_peer_that_holds_the_writer()
    {
        var hints = WriterHintsTests.NewHints(new WriterHintsTests.SteppingClock(), TimeSpan.FromMinutes(1));
        hints.Learn(Address, "http://10.0.0.2:8080/");
        var gateway = NewGateway(writer: null, new PeerWriter(request => Answer(request)), hints, Advertised);

        var answer = await gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None).WaitAsync(Patience);

        answer.Writer.Should().Be(new Uri("http://10.0.0.2:8080/"));
    }

    [Fact]
    public async Task With_clients_told_an_answer_from_a_writer_active_here_names_this_replica()
    {
        var writer = new ScriptedWriter();
        writer.Answers.Enqueue(request => Task.FromResult<SubmitResponse?>(Answer(request)));
        var gateway = NewGateway(writer, routing: Advertised);

        var answer = await gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None).WaitAsync(Patience);

        answer.Writer.Should().Be(Advertised.DirectAddress);
    }

    [Fact]
    public async Task By_default_an_answer_names_no_writer_even_where_the_peer_is_known()
    {
        var hints = WriterHintsTests.NewHints(new WriterHintsTests.SteppingClock(), TimeSpan.FromMinutes(1));
        hints.Learn(Address, "http://10.0.0.2:8080/");
        var gateway = NewGateway(writer: null, new PeerWriter(request => Answer(request)), hints,
            new PeerRoutingOptions { DirectAddress = Advertised.DirectAddress });

        var answer = await gateway.SubmitAsync(Address, Submission("k-1"), CancellationToken.None).WaitAsync(Patience);

        answer.Writer.Should().BeNull();
    }

    private static PeerRoutingOptions Advertised { get; } = new() { DirectAddress = new Uri("http://10.0.0.1:8080/"), AdvertiseToClients = true };

    /// <summary>A writer whose first call never answers (until the test ends it) and whose next call answers at once.</summary>
    private static (ScriptedWriter Writer, TaskCompletionSource<SubmitResponse?> Hung) HangsThenAnswers()
    {
        var writer = new ScriptedWriter();
        var hung = new TaskCompletionSource<SubmitResponse?>();
        writer.Answers.Enqueue(_ => hung.Task);
        writer.Answers.Enqueue(request => Task.FromResult<SubmitResponse?>(Answer(request)));
        return (writer, hung);
    }

    private static SignalGateway NewGateway(ScriptedWriter? writer, PeerWriter? peer = null, WriterHints? hints = null, PeerRoutingOptions? routing = null, IntakeOptions? intake = null)
    {
        var writers = new LocalEntityActors();
        if (writer is not null)
        {
            writers.Activated(Address.InstanceId, writer);
        }

        hints ??= WriterHintsTests.NewHints(TimeProvider.System, TimeSpan.FromMinutes(1));
        var peers = new PeerWriters(new PeerClients(peer ?? new PeerWriter(_ => throw new InvalidOperationException("no peer call expected"))), hints,
            new ConfigurationBuilder().Build(), NullLogger<PeerWriters>.Instance);
        return new SignalGateway(
            new ActorProxyFactory(),
            new EntityCatalog([Descriptors.Accounts]),
            writers,
            peers,
            new SignalMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            Options.Create(intake ?? new IntakeOptions { WriterCallTimeout = TimeSpan.FromMilliseconds(200) }),
            Options.Create(routing ?? new PeerRoutingOptions()));
    }

    private static SignalSubmission Submission(string key) =>
        new(key, "deposit", JsonSerializer.SerializeToElement(new { amount = 1 }), "hash-" + key);

    private static SubmitResponse Answer(SubmitRequest request) =>
        new([.. request.Signals.Select((signal, index) => new SignalReceipt(
            $"{Address.InstanceId}:{index + 1}", Address.Kind, Address.Id, signal.IdempotencyKey, signal.Name, index + 1, DateTimeOffset.UnixEpoch, false, false))]);

    private sealed class PeerWriter(Func<SubmitRequest, SubmitResponse> answer) : HttpMessageHandler
    {
        public List<string> Paths { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            var submitted = JsonSerializer.Deserialize<SubmitRequest>(await request.Content!.ReadAsStringAsync(cancellationToken), EntityJson.Options)!;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = JsonContent.Create(answer(submitted), options: EntityJson.Options) };
        }
    }

    private sealed class PeerClients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class ScriptedWriter : ILocalEntityActor
    {
        public Queue<Func<SubmitRequest, Task<SubmitResponse?>>> Answers { get; } = new();

        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<SubmitResponse?> TrySubmitInProcessAsync(SubmitRequest request)
        {
            Called.TrySetResult();
            return Answers.Dequeue()(request);
        }

        public Task<ReadResponse?> TryReadInProcessAsync() => Task.FromResult<ReadResponse?>(null);

        public void Reload()
        {
        }
    }
}
