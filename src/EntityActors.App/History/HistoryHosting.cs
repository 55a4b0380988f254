using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.History;

/// <summary>Registration of <c>GET /{kind}/{id}/history</c>.</summary>
public static class HistoryHosting
{
    public static IHostApplicationBuilder AddEntityHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EntityHistoryReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEntityHistories(this IEndpointRouteBuilder app)
    {
        app.MapEntityHistory(Cart.Kind, "Carts");
        app.MapEntityHistory(Account.Kind, "Accounts");
        app.MapEntityHistory(InventoryItem.Kind, "InventoryItems");
        return app;
    }
}
