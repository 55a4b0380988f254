using EntityActors.App.Engine.Relay;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Storage;
using Microsoft.Extensions.Options;

namespace EntityActors.App.ReadModel;

/// <summary>Registration of the read model: database, migrations at start, the relay's feed, list and admin endpoints.</summary>
public static class ReadModelHosting
{
    public static IHostApplicationBuilder AddEntityReadModel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReadModelOptions>().BindConfiguration(ReadModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CartProjection>();
        services.AddSingleton<AccountProjection>();
        services.AddSingleton<InventoryItemProjection>();
        services.AddSingleton<IEntityProjection>(provider => provider.GetRequiredService<CartProjection>());
        services.AddSingleton<IEntityProjection>(provider => provider.GetRequiredService<AccountProjection>());
        services.AddSingleton<IEntityProjection>(provider => provider.GetRequiredService<InventoryItemProjection>());
        services.AddSingleton<EntityProjections>();
        services.AddSingleton(provider => ReadModelDatabase.Create(provider.GetRequiredService<IOptions<ReadModelOptions>>().Value));
        services.AddSingleton<ReadModelMigrator>();
        services.AddSingleton<ReadModelStore>();
        // Replaces the operations' default, which cannot list carts: bulk expire without ids finds them here.
        services.AddSingleton<Operations.IIdleCartSource, ReadModelIdleCartSource>();
        services.AddSingleton<ReadModelMetrics>();
        services.AddSingleton<ReadModelWriter>();
        services.AddSingleton<IAppliedSignalsProjection, ReadModelFeed>();
        services.AddSingleton<ReadModelRebuilder>();
        services.AddHostedService<ReadModelStartup>();
        return builder;
    }

    public static WebApplication MapEntityReadModel(this WebApplication app)
    {
        var services = app.Services;
        app.MapEntityList(services.GetRequiredService<CartProjection>(), "Carts");
        app.MapEntityList(services.GetRequiredService<AccountProjection>(), "Accounts");
        app.MapEntityList(services.GetRequiredService<InventoryItemProjection>(), "InventoryItems");
        app.MapReadModelAdmin();
        return app;
    }
}
