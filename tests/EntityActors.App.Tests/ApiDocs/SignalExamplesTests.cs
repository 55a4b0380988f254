using System.Text;
using EntityActors.App.ApiDocs;
using EntityActors.App.Http;
using EntityActors.App.Tests.Support;

namespace EntityActors.App.Tests.ApiDocs;

public class SignalExamplesTests
{
    public static TheoryData<string, string> Signals()
    {
        var data = new TheoryData<string, string>();
        foreach (var entity in Descriptors.All)
        {
            foreach (var signal in entity.Signals.Keys)
            {
                data.Add(entity.Kind, signal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Every_signal_has_an_example_body_the_signal_reader_accepts(string kind, string signal)
    {
        var entity = Descriptors.All.Single(descriptor => descriptor.Kind == kind);
        var (name, body) = SignalExamples.For(entity).Single(example => example.Signal == signal);

        var request = SignalRequestReader.Parse(entity, name, Encoding.UTF8.GetBytes(body.ToJsonString()), "example-key");

        request.Problem.Should().BeNull(body.ToJsonString());
        body.ContainsKey("type").Should().BeFalse("the route names the signal");
    }

    [Fact]
    public void Examples_come_in_the_order_the_signal_type_declares_them()
    {
        SignalExamples.For(Descriptors.Accounts).Select(example => example.Signal).Should()
            .Equal("open", "deposit", "withdraw", "place-hold", "release-hold", "capture-hold", "close");
    }
}
