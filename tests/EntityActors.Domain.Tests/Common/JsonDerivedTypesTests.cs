using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Tests.Common;

public class JsonDerivedTypesTests
{
    [Fact]
    public void Reads_every_discriminator_from_the_attributes() =>
        JsonDerivedTypes.ByDiscriminator<Shape>().Should().BeEquivalentTo(new Dictionary<string, Type>
        {
            ["circle"] = typeof(Circle),
            ["square"] = typeof(Square),
        });

    [Fact]
    public void Lookups_are_case_sensitive_like_the_serializer() =>
        JsonDerivedTypes.ByDiscriminator<Shape>().ContainsKey("Circle").Should().BeFalse();

    [Fact]
    public void A_numeric_discriminator_is_refused_because_names_are_routes()
    {
        var act = () => JsonDerivedTypes.ByDiscriminator<NumberedShape>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*Circle*string discriminator*");
    }

    [JsonPolymorphic]
    [JsonDerivedType(typeof(Circle), "circle")]
    [JsonDerivedType(typeof(Square), "square")]
    internal abstract record Shape;

    internal sealed record Circle : Shape;

    internal sealed record Square : Shape;

    [JsonDerivedType(typeof(Circle), 1)]
    internal abstract record NumberedShape;
}
