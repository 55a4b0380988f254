using System.Text;
using EntityActors.App.Engine.Relay;
using Sidecar = Dapr.Client.Autogen.Grpc.v1;

namespace EntityActors.App.Tests.Engine.Relay;

public class BulkEventPublisherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Events_handed_in_while_a_bulk_publish_is_in_flight_share_the_next_request_in_order()
    {
        var sidecar = new RecordingSidecar { Hold = new TaskCompletionSource() };
        var publisher = new BulkEventPublisher(sidecar.PublishAsync);

        var first = publisher.PublishAsync("pubsub", "accounts", Events("a1"), CancellationToken.None);
        await sidecar.FirstStarted.Task.WaitAsync(Patience);
        var others = new[] { Events("b1", "b2"), Events("c1") }
            .Select(events => publisher.PublishAsync("pubsub", "accounts", events, CancellationToken.None)).ToList();
        sidecar.Hold.SetResult();
        await Task.WhenAll([first, .. others]).WaitAsync(Patience);

        sidecar.Requests.Select(request => request.Events).Should().BeEquivalentTo(
            new[] { new[] { "a1" }, ["b1", "b2", "c1"] }, options => options.WithStrictOrdering());
        sidecar.Requests.Should().AllSatisfy(request =>
        {
            request.PubSub.Should().Be("pubsub");
            request.Topic.Should().Be("accounts");
            request.ContentTypes.Should().OnlyContain(type => type == "application/cloudevents+json");
        });
    }

    [Fact]
    public async Task Topics_are_published_in_requests_of_their_own()
    {
        var sidecar = new RecordingSidecar { Hold = new TaskCompletionSource() };
        var publisher = new BulkEventPublisher(sidecar.PublishAsync);

        var first = publisher.PublishAsync("pubsub", "accounts", Events("a1"), CancellationToken.None);
        await sidecar.FirstStarted.Task.WaitAsync(Patience);
        var cart = publisher.PublishAsync("pubsub", "carts", Events("c1"), CancellationToken.None);
        await cart.WaitAsync(Patience);
        sidecar.Hold.SetResult();
        await first.WaitAsync(Patience);

        sidecar.Requests.Select(request => (request.Topic, string.Join(",", request.Events)))
            .Should().BeEquivalentTo([("accounts", "a1"), ("carts", "c1")]);
    }

    [Fact]
    public async Task An_event_the_sidecar_failed_fails_only_the_caller_it_came_from()
    {
        var sidecar = new RecordingSidecar { Hold = new TaskCompletionSource(), Fail = "b2" };
        var publisher = new BulkEventPublisher(sidecar.PublishAsync);

        var first = publisher.PublishAsync("pubsub", "accounts", Events("a1"), CancellationToken.None);
        await sidecar.FirstStarted.Task.WaitAsync(Patience);
        var failing = publisher.PublishAsync("pubsub", "accounts", Events("b1", "b2"), CancellationToken.None);
        var fine = publisher.PublishAsync("pubsub", "accounts", Events("c1"), CancellationToken.None);
        sidecar.Hold.SetResult();

        await Task.WhenAll(first, fine).WaitAsync(Patience);
        var publishing = async () => await failing.WaitAsync(Patience);
        await publishing.Should().ThrowAsync<InvalidOperationException>().WithMessage("*did not publish*pubsub/accounts*broker refused*");
    }

    [Fact]
    public async Task A_refused_request_fails_every_caller_in_it()
    {
        var sidecar = new RecordingSidecar { Refuse = true };
        var publisher = new BulkEventPublisher(sidecar.PublishAsync);

        var publishing = async () => await publisher.PublishAsync("pubsub", "accounts", Events("a1", "a2"), CancellationToken.None).WaitAsync(Patience);

        await publishing.Should().ThrowAsync<InvalidOperationException>().WithMessage("sidecar unavailable");
    }

    [Fact]
    public async Task Nothing_to_publish_makes_no_request()
    {
        var sidecar = new RecordingSidecar();
        var publisher = new BulkEventPublisher(sidecar.PublishAsync);

        await publisher.PublishAsync("pubsub", "accounts", [], CancellationToken.None).WaitAsync(Patience);

        sidecar.Requests.Should().BeEmpty();
    }

    private static List<PublishedEvent> Events(params string[] names) =>
        [.. names.Select(name => new PublishedEvent(Encoding.UTF8.GetBytes(name), "application/cloudevents+json"))];

    private sealed record SeenRequest(string PubSub, string Topic, IReadOnlyList<string> Events, IReadOnlyList<string> ContentTypes);

    private sealed class RecordingSidecar
    {
        private readonly Lock gate = new();

        public List<SeenRequest> Requests { get; } = [];

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource? Hold { get; init; }

        public string? Fail { get; init; }

        public bool Refuse { get; init; }

        public async Task<Sidecar.BulkPublishResponse> PublishAsync(Sidecar.BulkPublishRequest request)
        {
            lock (gate)
            {
                Requests.Add(new SeenRequest(
                    request.PubsubName, request.Topic, [.. request.Entries.Select(entry => entry.Event.ToStringUtf8())], [.. request.Entries.Select(entry => entry.ContentType)]));
            }

            var first = FirstStarted.TrySetResult();
            if (first && Hold is not null)
            {
                await Hold.Task;
            }

            if (Refuse)
            {
                throw new InvalidOperationException("sidecar unavailable");
            }

            var response = new Sidecar.BulkPublishResponse();
            response.FailedEntries.AddRange(request.Entries
                .Where(entry => entry.Event.ToStringUtf8() == Fail)
                .Select(entry => new Sidecar.BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = "broker refused" }));
            return response;
        }
    }
}
