using Dapr.Workflow;
using EntityActors.App.Accounts;
using EntityActors.App.Carts;
using EntityActors.App.Checkouts;
using EntityActors.App.Engine;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Http;
using EntityActors.App.Inventory;
using EntityActors.App.Operations;
using EntityActors.App.Payments;
using EntityActors.App.Subscriptions;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Hosting;

/// <summary>Registration of the entity machinery: actors, workflows, intake, queries.</summary>
public static class EntityActorsHosting
{
    public static IHostApplicationBuilder AddEntityActors(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DaprComponentsOptions>().BindConfiguration(DaprComponentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TopicOptions>().BindConfiguration(TopicOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CartOptions>().BindConfiguration(CartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ActorHostingOptions>().BindConfiguration(ActorHostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var actorOptions = builder.Configuration.GetSection(ActorHostingOptions.Section).Get<ActorHostingOptions>() ?? new ActorHostingOptions();

        services.AddSingleton(TimeProvider.System);
        services.AddDaprClient(client => client.UseJsonSerializationOptions(EntityJson.Options));
        services.AddActors(options =>
        {
            options.Actors.RegisterActor<CartActor>();
            options.Actors.RegisterActor<AccountActor>();
            options.Actors.RegisterActor<InventoryItemActor>();
            options.JsonSerializerOptions = EntityJson.Options;
            options.UseJsonSerialization = true;
            options.ActorIdleTimeout = actorOptions.IdleTimeout;
            options.ActorScanInterval = actorOptions.ScanInterval;
            options.DrainOngoingCallTimeout = actorOptions.DrainOngoingCallTimeout;
            options.DrainRebalancedActors = true;
        });
        services.AddDaprWorkflowBuilder(options =>
        {
            options.RegisterWorkflow<CartWorkflow>();
            options.RegisterWorkflow<AccountWorkflow>();
            options.RegisterWorkflow<InventoryItemWorkflow>();
            options.RegisterWorkflow<CheckoutWorkflow>();
            options.RegisterActivity<SendSignalActivity>();
            options.RegisterActivity<SubmitSignalActivity>();
            options.RegisterActivity<PublishMilestoneActivity>();
            options.RegisterOperationWorkflows();
            options.RegisterPaymentActivities();
        },
        // The worker and the client each have a serializer: both must read what the other wrote.
        (_, client) => client.UseJsonSerializer(EntityJson.Options)).WithJsonSerializer(EntityJson.Options);

        services.AddSingleton(EntityDescriptor.For<Cart, CartState, CartSignal, CartEvent, CartActor, CartWorkflow>());
        services.AddSingleton(EntityDescriptor.For<Account, AccountState, AccountSignal, AccountEvent, AccountActor, AccountWorkflow>());
        services.AddSingleton(EntityDescriptor.For<InventoryItem, InventoryItemState, InventoryItemSignal, InventoryItemEvent, InventoryItemActor, InventoryItemWorkflow>());
        services.AddEntityEngine();
        services.AddSingleton<SignalRequestReader>();
        services.AddSingleton<CheckoutReader>();
        services.AddSingleton<IEntityEventReaction, CheckoutStarter>();
        services.AddSingleton<CartCheckoutsEraseStep>();
        services.AddSingleton<Retention.IEntityEraseStep>(provider => provider.GetRequiredService<CartCheckoutsEraseStep>());
        services.AddSingleton<Retention.IEntityEraseGuard>(provider => provider.GetRequiredService<CartCheckoutsEraseStep>());
        services.AddSingleton<Retention.IEntityEraseGuard, Accounts.AccountEraseGuard>();
        services.AddSingleton<Retention.IEntityEraseGuard, Inventory.InventoryItemEraseGuard>();
        services.AddOperations();
        services.AddPayments();
        return builder;
    }

    public static WebApplication MapEntityActors(this WebApplication app)
    {
        app.MapActorsHandlers();
        app.MapCartEndpoints();
        app.MapAccountEndpoints();
        app.MapInventoryItemEndpoints();
        app.MapCheckoutEndpoints();
        app.MapOperationEndpoints();
        app.MapSignalSubscription();
        return app;
    }
}
