using System.Text.RegularExpressions;
using EntityActors.App.ApiDocs;

namespace EntityActors.App.Tests.ApiDocs;

/// <summary>The catalog the API document lists is complete: every code the sources answer with has an entry.</summary>
public partial class ProblemCatalogTests
{
    private static readonly string[] SourceFolders = ["src/EntityActors.App", "src/EntityActors.Domain"];

    [Fact]
    public void Every_problem_code_the_sources_use_is_in_the_catalog_with_its_status()
    {
        var used = UsedCodes().ToList();

        used.Should().HaveCountGreaterThan(40, "the sources were read");
        var missing = used.Where(use => !ProblemCatalog.All.Any(entry => entry.Code == use.Code && (use.Status is null || entry.Status == use.Status)))
            .Select(use => $"{use.Code} ({use.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any status"}) in {use.File}")
            .Distinct()
            .ToList();
        missing.Should().BeEmpty("every code must be documented in ProblemCatalog; missing: {0}", string.Join(", ", missing));
    }

    [Fact]
    public void Each_code_has_one_entry_per_status_and_kind()
    {
        ProblemCatalog.All.Select(entry => (entry.Code, entry.Status, entry.Kind)).Should().OnlyHaveUniqueItems();
        ProblemCatalog.All.Should().OnlyContain(entry => entry.Meaning.EndsWith('.') && entry.Status >= 400 && entry.Status < 600);
    }

    [Fact]
    public void An_operation_sees_only_the_codes_of_its_scope_and_kind()
    {
        ProblemCatalog.For(ProblemScope.Signal, 422, "accounts").Select(entry => entry.Code).Should()
            .Contain(["insufficient-funds", "idempotency-key-reused"]).And.NotContain(["out-of-stock", "cart-empty"]);
        ProblemCatalog.For(ProblemScope.Read, 400).Select(entry => entry.Code).Should()
            .Contain(["invalid-min-sequence", "invalid-entity-id"]).And.NotContain("malformed-json");
        ProblemCatalog.For(ProblemScope.Any, 401).Select(entry => entry.Code).Should().NotContain("dapr-api-token-required");
    }

    private static IEnumerable<(string Code, int? Status, string File)> UsedCodes()
    {
        var root = RepositoryRoot();
        foreach (var file in SourceFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}ApiDocs{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            foreach (Match call in ProblemCall().Matches(text))
            {
                int? status = call.Groups["rejection"].Value switch
                {
                    "Invalid" or "BadRequest" => 400,
                    "Conflict" => 409,
                    "Unprocessable" => 422,
                    "NotFound" => 404,
                    _ => null,
                };
                foreach (Match code in CodeLiteral().Matches(call.Groups["arguments"].Value))
                {
                    yield return (code.Groups["code"].Value, status, name);
                }
            }

            foreach (Match field in FieldValidation().Matches(text))
            {
                yield return ("invalid-" + field.Groups["field"].Value, 400, name);
            }

            foreach (Match described in DescribedCode().Matches(text))
            {
                yield return (described.Groups["code"].Value, null, name);
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntityActors.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No EntityActors.sln above " + AppContext.BaseDirectory);
    }

    // A rejection or problem with its balanced argument list: its code is the literal among the arguments shaped like one.
    [GeneratedRegex(@"(?:Rejection\.(?<rejection>Invalid|Conflict|Unprocessable)|Problems\.(?<rejection>BadRequest|NotFound|Create)|\b(?<rejection>Fail))\((?<arguments>(?>[^()]+|\((?<depth>)|\)(?<-depth>))*(?(depth)(?!)))\)")]
    private static partial Regex ProblemCall();

    [GeneratedRegex("\"(?<code>[a-z]+(?:-[a-z]+)+)\"")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex("""(?:SignalValidation\.Reference|TextValidation\.Text)\([^,()]+,\s*"(?<field>[a-z]+(?:-[a-z]+)*)"\)""")]
    private static partial Regex FieldValidation();

    // BadRequestExceptionHandler.Describe: ("request-body-timeout", "The request body arrived too slowly.")
    [GeneratedRegex("""=>\s*\("(?<code>[a-z]+(?:-[a-z]+)+)",\s*"[A-Z]""")]
    private static partial Regex DescribedCode();
}
