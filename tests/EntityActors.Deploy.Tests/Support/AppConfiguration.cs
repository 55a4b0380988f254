using Microsoft.Extensions.Configuration;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>The app's configuration as the host builds it: appsettings.json, then environment variables on top.</summary>
internal static class AppConfiguration
{
    public const string DaprSection = "EntityActors:Dapr";
    public const string TopicsSection = "EntityActors:Topics";
    public const string ReadModelSection = "EntityActors:ReadModel";

    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string>? environment = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(RepositoryLayout.AppSettings, optional: false, reloadOnChange: false)
            // The environment-variable provider maps "__" to ":"; the same mapping, without the process's environment.
            .AddInMemoryCollection((environment ?? new Dictionary<string, string>())
                .Select(variable => KeyValuePair.Create(variable.Key.Replace("__", ":", StringComparison.Ordinal), (string?)variable.Value)))
            .Build();

    /// <summary>
    /// The topics the app uses, derived as its <c>TopicOptions</c> derives them: <c>Signals</c> in, <c>Checkouts</c> out,
    /// and one topic per entity kind named <c>EntityEventsPrefix + kind</c>. Null entries stand for missing keys.
    /// </summary>
    public static IReadOnlyList<string?> Topics(IConfigurationSection topics) =>
        [
            topics["Signals"],
            topics["Checkouts"],
            .. DeploymentContract.EntityKinds.Select(kind => topics["EntityEventsPrefix"] + kind),
        ];
}
