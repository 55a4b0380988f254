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

    [Theory]
    [InlineData("host=db.internal user=app password='a;b' dbname=entities", "a;b")]
    [InlineData("host=db.internal user=app password=a;b dbname=entities", "a;b")]
    [InlineData("host=db.internal user=app password='it\\'s;a \\\\ path' dbname=entities", "it's;a \\ path")]
    [InlineData("host=db.internal user=app password = 'x=1;Host=evil' dbname=entities", "x=1;Host=evil")]
    [InlineData("password=a\\ b;c host=db.internal user=app dbname=entities", "a b;c")]
    public void A_libpq_password_with_a_semicolon_is_read_by_libpqs_quoting_rules_as_the_sidecar_reads_it(string libpq, string password)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ToNpgsql(libpq));

        (npgsql.Host, npgsql.Username, npgsql.Password, npgsql.Database).Should().Be(("db.internal", "app", password, "entities"));
    }

    [Theory]
    [InlineData("host=db;port=6543;username=app;database=entities")]
    [InlineData("Host=db;Port=6543;Username=app;Password='a;b';Database=entities")]
    [InlineData("Host=db; Port=6543; Username=app; Database=entities")]
    public void Npgsqls_own_form_with_semicolons_stays_npgsqls_in_any_case_and_spacing(string own)
    {
        PostgresConnectionStrings.ToNpgsql(own).Should().Be(own);
    }

    [Fact]
    public void A_libpq_value_with_an_unterminated_quote_is_not_taken_for_libpqs_form()
    {
        var act = () => new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ToNpgsql("host=db password='a;b"));

        act.Should().Throw<ArgumentException>("libpq refuses it too; it is handed to Npgsql, which names the fault");
    }

    [Fact]
    public void A_libpq_setting_npgsql_lacks_is_refused_by_name_rather_than_dropped()
    {
        var act = () => PostgresConnectionStrings.ToNpgsql("host=db gssencmode=disable");

        act.Should().Throw<FormatException>().WithMessage("*gssencmode*");
    }
}
