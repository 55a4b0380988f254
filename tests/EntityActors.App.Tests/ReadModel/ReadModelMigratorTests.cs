using EntityActors.App.ReadModel.Storage;
using EntityActors.App.Tests.Support;

namespace EntityActors.App.Tests.ReadModel;

public sealed class ReadModelMigratorTests
{
    [Fact]
    public async Task A_new_database_gets_every_migration_in_order_and_records_them()
    {
        await using var model = await TemporaryReadModel.CreateAsync(migrate: false);

        var applied = await model.Migrator.MigrateAsync(CancellationToken.None);

        applied.Should().Equal(ReadModelMigrations.All.Select(m => m.Version));
        (await model.Migrator.AppliedVersionsAsync(CancellationToken.None)).Should().Equal(applied);
        (await model.Store.PositionAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Migrating_again_applies_nothing()
    {
        await using var model = await TemporaryReadModel.CreateAsync();

        var applied = await model.Migrator.MigrateAsync(CancellationToken.None);

        applied.Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_migration_is_applied_alone_on_top_of_the_released_ones()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        var next = ReadModelMigrations.All.Max(m => m.Version) + 1;
        var withNext = ReadModelMigrations.All.Append(new ReadModelMigration(next, "probe", "CREATE TABLE probe (x INTEGER)")).ToList();

        var applied = await model.Migrator.MigrateAsync(CancellationToken.None, withNext);

        applied.Should().Equal(next);
        (await model.Migrator.AppliedVersionsAsync(CancellationToken.None)).Should().EndWith(next);
    }

    [Fact]
    public async Task A_failing_migration_leaves_no_trace_and_is_tried_again()
    {
        await using var model = await TemporaryReadModel.CreateAsync();
        var next = ReadModelMigrations.All.Max(m => m.Version) + 1;
        var broken = ReadModelMigrations.All.Append(new ReadModelMigration(next, "broken", "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table")).ToList();

        var failing = () => model.Migrator.MigrateAsync(CancellationToken.None, broken);

        await failing.Should().ThrowAsync<Exception>();
        (await model.Migrator.AppliedVersionsAsync(CancellationToken.None)).Should().NotContain(next);
        var fixedUp = ReadModelMigrations.All.Append(new ReadModelMigration(next, "fixed", "CREATE TABLE half (x INTEGER)")).ToList();
        (await model.Migrator.MigrateAsync(CancellationToken.None, fixedUp)).Should().Equal(next);
    }
}
