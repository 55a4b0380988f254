using System.Text;
using Dapr.Client;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Tests.Engine.Store;

/// <summary>The app's own writes to the embedded store's file keep the semantics and the table of Dapr's state.sqlite component.</summary>
public sealed class SqliteEntityStoreTests : IDisposable
{
    // The table exactly as the sidecar's state.sqlite component creates it.
    private const string ComponentTable = """
        CREATE TABLE state (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL,
            is_binary BOOLEAN NOT NULL,
            etag TEXT NOT NULL,
            expiration_time TIMESTAMP DEFAULT NULL,
            update_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
        )
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("entity-store-").FullName;
    private readonly string path;
    private readonly SqliteEntityStore store;

    public SqliteEntityStoreTests()
    {
        path = Path.Combine(directory, "entities.db");
        Sql(ComponentTable);
        store = Create(path);
    }

    [Fact]
    public async Task An_upsert_is_stored_under_the_sidecars_key_prefix_as_json_text_and_read_back_with_its_etag()
    {
        await store.SaveAsync("a:head", new { next = 3 });

        var (json, etag) = await store.GetAsync("a:head");
        json.Should().Be("""{"next":3}""");
        etag.Should().NotBeNullOrEmpty();
        Scalar("SELECT value FROM state WHERE key = 'entityactors||a:head' AND is_binary = 0").Should().Be("""{"next":3}""");
    }

    [Fact]
    public async Task A_first_write_of_a_taken_key_fails_the_whole_transaction_as_a_write_conflict()
    {
        await store.SaveAsync("a:key:k1", 1);

        var act = () => store.ExecuteTransactionAsync(
        [
            StateOperations.Upsert("a:signal:2", 2, insertIfAbsent: true),
            StateOperations.Upsert("a:key:k1", 2, insertIfAbsent: true),
        ]);

        (await act.Should().ThrowAsync<EntityStoreConflictException>()).Which.Should().Match<Exception>(ex => DaprErrors.IsWriteConflict(ex));
        (await store.GetAsync("a:signal:2")).Json.Should().BeNull("nothing of a refused transaction holds");
        (await store.GetAsync<int>("a:key:k1")).Should().Be(1);
    }

    [Fact]
    public async Task A_first_write_takes_an_absent_key_and_an_expired_one_not_swept_yet()
    {
        Sql("INSERT INTO state (key, value, is_binary, etag, expiration_time) VALUES ('entityactors||a:key:old', '1', 0, 'e1', DATETIME(CURRENT_TIMESTAMP, '-1 seconds'))");

        (await store.GetAsync("a:key:old")).Json.Should().BeNull("a read skips an expired row");
        await store.ExecuteTransactionAsync(
        [
            StateOperations.Upsert("a:key:new", 5, TimeSpan.FromDays(7), insertIfAbsent: true),
            StateOperations.Upsert("a:key:old", 6, TimeSpan.FromDays(7), insertIfAbsent: true),
        ]);

        (await store.GetAsync<int>("a:key:new")).Should().Be(5);
        (await store.GetAsync<int>("a:key:old")).Should().Be(6);
        var expires = DateTime.Parse((string)Scalar("SELECT expiration_time FROM state WHERE key = 'entityactors||a:key:new'")!, System.Globalization.CultureInfo.InvariantCulture);
        expires.Should().BeCloseTo(DateTime.UtcNow.AddDays(7), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_etag_write_needs_the_etag_it_read_and_a_stale_one_is_a_write_conflict()
    {
        await store.SaveAsync("a:head", 1);
        var (_, etag) = await store.GetWithETagAsync<int>("a:head");

        await store.ExecuteTransactionAsync([StateOperations.UpsertIfUnchanged("a:head", 2, etag!)]);
        var stale = () => store.ExecuteTransactionAsync([StateOperations.UpsertIfUnchanged("a:head", 3, etag!)]);

        await stale.Should().ThrowAsync<EntityStoreConflictException>();
        (await store.GetAsync<int>("a:head")).Should().Be(2);
    }

    [Fact]
    public async Task A_delete_without_an_etag_takes_absent_keys_in_its_stride_and_one_with_a_stale_etag_is_refused()
    {
        await store.SaveAsync("a:head", 1);
        var (_, etag) = await store.GetWithETagAsync<int>("a:head");
        await store.SaveAsync("a:head", 2);

        var stale = () => store.ExecuteTransactionAsync([new StateTransactionRequest("a:head", null, StateOperationType.Delete, etag: etag)]);
        await stale.Should().ThrowAsync<EntityStoreConflictException>();
        await store.ExecuteTransactionAsync(
        [
            new StateTransactionRequest("a:head", null, StateOperationType.Delete),
            new StateTransactionRequest("a:never-stored", null, StateOperationType.Delete),
        ]);

        (await store.GetAsync("a:head")).Json.Should().BeNull();
    }

    [Fact]
    public async Task Records_the_sidecar_wrote_base64_encoded_are_read_as_json()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"sequence":4}"""));
        Sql($"INSERT INTO state (key, value, is_binary, etag) VALUES ('entityactors||a:signal:4', '{encoded}', 1, 'e4')");

        var items = await store.GetBulkAsync(["a:signal:4", "a:signal:5"]);

        items.Select(item => (item.Key, item.Value, item.ETag)).Should().Equal(("a:signal:4", """{"sequence":4}""", "e4"), ("a:signal:5", string.Empty, string.Empty));
    }

    [Fact]
    public async Task A_file_whose_table_the_sidecar_has_not_created_yet_is_refused_until_it_has()
    {
        var later = Path.Combine(directory, "later.db");
        using var early = Create(later);

        var act = () => early.GetAsync("a:head");
        (await act.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(ex => ex.Message.Contains(later, StringComparison.Ordinal));
        File.Exists(later).Should().BeFalse("the app never creates the component's file or table");

        Sql(ComponentTable, later);
        await early.SaveAsync("a:head", 7);
        (await early.GetAsync<int>("a:head")).Should().Be(7);
    }

    public void Dispose()
    {
        store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static SqliteEntityStore Create(string file) =>
        new(Options.Create(new EntityStoreOptions { SqlitePath = file, AppId = "entityactors" }));

    private void Sql(string sql, string? file = null)
    {
        using var connection = new SqliteConnection($"Data Source={file ?? path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
