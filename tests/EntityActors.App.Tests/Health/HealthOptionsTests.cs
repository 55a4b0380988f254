using System.ComponentModel.DataAnnotations;
using EntityActors.App.Health;

namespace EntityActors.App.Tests.Health;

public class HealthOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Errors(new HealthOptions()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.05)]
    public void A_check_timeout_the_probes_would_not_wait_for_or_no_check_could_meet_is_refused(double seconds)
    {
        Errors(new HealthOptions { CheckTimeout = TimeSpan.FromSeconds(seconds) }).Should().ContainSingle(error => error.Contains(nameof(HealthOptions.CheckTimeout)));
    }

    private static List<string> Errors(HealthOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(result => result.ErrorMessage ?? string.Empty)];
    }
}
