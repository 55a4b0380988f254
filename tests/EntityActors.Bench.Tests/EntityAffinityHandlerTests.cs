using System.Net;
using EntityActors.Bench.ScaleOut;

namespace EntityActors.Bench.Tests;

/// <summary>The <c>--routing entity</c> client: each entity to the replica its last answer named, the rest round robin.</summary>
public sealed class EntityAffinityHandlerTests
{
    private static readonly Uri[] Replicas = [new("http://127.0.0.1:5001/"), new("http://127.0.0.1:5002/"), new("http://127.0.0.1:5003/")];

    [Fact]
    public async Task An_entity_s_requests_follow_the_writer_its_answer_named_and_other_entities_go_round_robin()
    {
        var replicas = new FakeReplicas(writer: Replicas[2]);
        using var client = new HttpClient(new EntityAffinityHandler(Replicas, replicas)) { BaseAddress = Replicas[0] };

        await client.PostAsync("accounts/a-1/signals/deposit", null);
        await client.PostAsync("accounts/a-1/signals/deposit", null);
        await client.GetAsync("accounts/a-1?minSequence=2");
        await client.PostAsync("accounts/a-2/signals/deposit", null);

        replicas.Seen.Select(seen => seen.GetLeftPart(UriPartial.Authority)).Should().Equal(
            "http://127.0.0.1:5001", "http://127.0.0.1:5003", "http://127.0.0.1:5003", "http://127.0.0.1:5002");
        replicas.Seen[2].PathAndQuery.Should().Be("/accounts/a-1?minSequence=2");
    }

    [Fact]
    public async Task A_named_replica_that_cannot_be_reached_is_forgotten_and_the_retry_goes_round_robin()
    {
        var replicas = new FakeReplicas(writer: Replicas[2]) { Down = Replicas[2] };
        using var client = new HttpClient(new EntityAffinityHandler(Replicas, replicas)) { BaseAddress = Replicas[0] };

        await client.PostAsync("accounts/a-1/signals/deposit", null);
        var toTheDeadOne = () => client.PostAsync("accounts/a-1/signals/deposit", null);
        await toTheDeadOne.Should().ThrowAsync<HttpRequestException>();
        replicas.Down = null;
        await client.PostAsync("accounts/a-1/signals/deposit", null);

        replicas.Seen.Select(seen => seen.Port).Should().Equal(5001, 5003, 5002);
    }

    private sealed class FakeReplicas(Uri writer) : HttpMessageHandler
    {
        public List<Uri> Seen { get; } = [];

        public Uri? Down { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Seen.Add(uri);
            if (Down is not null && uri.Port == Down.Port)
            {
                throw new HttpRequestException("Connection refused");
            }

            var response = new HttpResponseMessage(HttpStatusCode.Accepted);
            response.Headers.Add(EntityAffinityHandler.WriterHeader, writer.ToString());
            return Task.FromResult(response);
        }
    }
}
