namespace EntityActors.App.Retention;

/// <summary>Registration of deletes: the eraser the entity actors call, <c>DELETE /{kind}/{id}</c>, the retention sweep.</summary>
public static class RetentionHosting
{
    public static IHostApplicationBuilder AddEntityRetention(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EntityEraser>();
        services.AddSingleton<ErasedEventPublisher>();
        services.AddSingleton<EntityDeleter>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweeper>());
        return builder;
    }

    public static IEndpointRouteBuilder MapEntityDeletes(this IEndpointRouteBuilder app)
    {
        app.MapEntityDelete(Domain.Carts.Cart.Kind, "Carts");
        app.MapEntityDelete(Domain.Accounts.Account.Kind, "Accounts");
        app.MapEntityDelete(Domain.Inventory.InventoryItem.Kind, "InventoryItems");
        return app;
    }
}
