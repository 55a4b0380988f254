using EntityActors.App.Engine.Store;
using Npgsql;

namespace EntityActors.App.Tests.Engine.Store;

public class PostgresConnectionStringsTests
{
    [Fact]
    public void Libpq_key_value_pairs_as_the_component_takes_them_become_npgsqls()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ToNpgsql(
            "host=db.internal port=6543 user=app password='se cr\\'et' dbname=entities sslmode=verify-full connect_timeout=5"));

        npgsql.Host.Should().Be("db.internal");
        npgsql.Port.Should().Be(6543);
        npgsql.Username.Should().Be("app");
        npgsql.Password.Should().Be("se cr'et");
        npgsql.Database.Should().Be("entities");
        npgsql.SslMode.Should().Be(SslMode.VerifyFull);
        npgsql.Timeout.Should().Be(5);
    }

    [Fact]
    public void A_postgres_url_becomes_npgsqls_form()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ToNpgsql("postgres://app:p%40ss@db.internal:6543/entities?sslmode=require"));

        (npgsql.Host, npgsql.Port, npgsql.Username, npgsql.Password, npgsql.Database, npgsql.SslMode)
            .Should().Be(("db.internal", 6543, "app", "p@ss", "entities", SslMode.Require));
    }

    [Fact]
    public void Npgsqls_own_form_is_taken_as_it_is()
    {
        const string Own = "Host=db;Port=5432;Username=app;Database=entities";

        PostgresConnectionStrings.ToNpgsql(Own).Should().Be(Own);
    }

    [Fact]
    public void A_libpq_setting_npgsql_lacks_is_refused_by_name_rather_than_dropped()
    {
        var act = () => PostgresConnectionStrings.ToNpgsql("host=db gssencmode=disable");

        act.Should().Throw<FormatException>().WithMessage("*gssencmode*");
    }
}
