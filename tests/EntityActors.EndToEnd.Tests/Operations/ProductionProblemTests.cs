namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>The answers to bad requests are the same in Production (the secured app runs in it) as in Development.</summary>
[Collection(SecuredAppCollection.Name)]
public sealed class ProductionProblemTests(SecuredAppFixture fixture)
{
    [Theory]
    [InlineData("minSequence=abc", "invalid-min-sequence")]
    [InlineData("minVersion=1.5", "invalid-min-version")]
    public async Task A_malformed_query_parameter_is_a_400_problem_with_its_code_in_production(string query, string code)
    {
        using var api = fixture.CreateApiClient();

        using var response = await api.GetAsync($"accounts/{DaprAppFixture.UniqueId("prod-query")}?{query}");

        ((int)response.StatusCode).Should().Be(400, await response.Content.ReadAsStringAsync());
        var problem = await Signals.ProblemAsync(response);
        problem["code"]!.GetValue<string>().Should().Be(code);
    }
}
