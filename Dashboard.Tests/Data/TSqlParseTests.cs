using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Data;
using Dashboard.Data.Identity;
using Dashboard.Data.Migrations;
using Dashboard.Data.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Dashboard.Tests.Data;

/// <summary>
/// No SQL Server runs on the build machines, so every T-SQL text the console sends is parsed here with
/// Microsoft's own parser: the SQL Server migration scripts, and every query text of the data layer as the
/// SQL Server provider composes it.
/// </summary>
public sealed partial class TSqlParseTests
{
    public static TheoryData<string> MigrationScripts() =>
        new(DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(MigrationScripts))]
    public void SqlServerMigration_Parses(string name)
    {
        var script = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Single(s => s.Name == name);

        AssertParses(name, script.Text);
    }

    [Fact]
    public void MigrationScripts_EachProviderHasTheSameNumberedScripts()
    {
        var sqlite = DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name).ToList();
        var sqlServer = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name).ToList();

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, sqlServer);
        Assert.All(sqlite, name => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", name));
    }

    [Fact]
    public void QueryTexts_OfSqlServerProvider_AllParse()
    {
        var texts = QueryTexts();

        // The collection itself must work, or this test would pass on nothing.
        Assert.True(texts.Count >= 30, $"Only {texts.Count} query texts were found.");
        Assert.Contains(texts, t => t.Text.Contains("OUTPUT INSERTED.Id", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text.Contains("FETCH NEXT @Take ROWS ONLY", StringComparison.Ordinal));
        Assert.All(texts, t => AssertParses(t.Source, t.Text));
    }

    [Fact]
    public void QueryTexts_IncludeEveryComposedQueueVariant()
    {
        var texts = QueryTexts().Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var queue = QueueSql.Texts(new SqlServerDatabase("Server=127.0.0.1,1;Database=never-opened", new DatabaseOptions())).ToList();

        Assert.Equal(256 * 9, queue.Count);
        Assert.All(queue, q => Assert.Contains(q.Value, texts));
        Assert.Contains(queue, q => q.Value.Contains(QueueSql.OpenStatesCondition, StringComparison.Ordinal));
    }

    /// <summary>
    /// Several nodes write the same rollup rows and batch ids at once. A MERGE holds the key range it matched
    /// (HOLDLOCK) and an INSERT … SELECT … WHERE NOT EXISTS locks the rows it checked (UPDLOCK, HOLDLOCK) until the
    /// transaction ends, so that no increment is lost and no key is inserted twice.
    /// </summary>
    [Fact]
    public void QueryTexts_SqlServerUpserts_KeepTheirKeysLockedFromCheckToWrite()
    {
        var upserts = new UpsertLocks();
        foreach (var (source, text) in QueryTexts())
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(DapperListParameter().Replace(text, m => $"IN ({m.Groups[1].Value}1, {m.Groups[1].Value}2)"));
            upserts.Source = source;
            parser.Parse(reader, out _)?.Accept(upserts);
        }

        Assert.True(upserts.Merges >= 3, $"Only {upserts.Merges} MERGE statements were found.");
        Assert.True(upserts.CheckedInserts >= 2, $"Only {upserts.CheckedInserts} INSERT … WHERE NOT EXISTS statements were found.");
        Assert.Empty(upserts.Unlocked);
    }

    [Fact]
    public void UpsertLocks_FindAMergeWithoutHoldlock_SoTheCheckAboveCanFail()
    {
        var upserts = new UpsertLocks { Source = "test" };
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader("""
            MERGE UsageMinute AS t USING @Cells AS s ON t.BucketStart = s.BucketStart
            WHEN MATCHED THEN UPDATE SET MessageCount = t.MessageCount + s.MessageCount
            WHEN NOT MATCHED THEN INSERT (BucketStart, MessageCount) VALUES (s.BucketStart, s.MessageCount);
            INSERT INTO IngestedBatches (BatchId) SELECT @BatchId WHERE NOT EXISTS (SELECT 1 FROM IngestedBatches WHERE BatchId = @BatchId);
            """);
        parser.Parse(reader, out _).Accept(upserts);

        Assert.Equal(2, upserts.Unlocked.Count);
    }

    /// <summary>Finds MERGE targets without HOLDLOCK and INSERT … SELECT sources that read the target table without UPDLOCK and HOLDLOCK.</summary>
    private sealed class UpsertLocks : TSqlFragmentVisitor
    {
        public string Source { get; set; } = "";

        public int Merges { get; private set; }

        public int CheckedInserts { get; private set; }

        public List<string> Unlocked { get; } = [];

        public override void ExplicitVisit(MergeStatement node)
        {
            Merges++;
            if (node.MergeSpecification.Target is not NamedTableReference target || !Holds(target))
            {
                Unlocked.Add($"{Source}: MERGE without WITH (HOLDLOCK) on its target");
            }

            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(InsertStatement node)
        {
            if (node.InsertSpecification is { Target: NamedTableReference target, InsertSource: SelectInsertSource select })
            {
                var reads = new TableReads();
                select.Select.Accept(reads);
                var checks = reads.Tables.Where(t => Same(t, target)).ToList();
                if (checks.Count > 0)
                {
                    CheckedInserts++;
                }

                if (checks.Any(t => !Has(t, TableHintKind.UpdLock) || !Holds(t)))
                {
                    Unlocked.Add($"{Source}: INSERT INTO {target.SchemaObject.BaseIdentifier.Value} checks its own table without WITH (UPDLOCK, HOLDLOCK)");
                }
            }

            base.ExplicitVisit(node);
        }

        private static bool Same(NamedTableReference a, NamedTableReference b) =>
            string.Equals(a.SchemaObject.BaseIdentifier.Value, b.SchemaObject.BaseIdentifier.Value, StringComparison.OrdinalIgnoreCase);

        private static bool Holds(NamedTableReference table) => Has(table, TableHintKind.HoldLock) || Has(table, TableHintKind.Serializable);

        private static bool Has(NamedTableReference table, TableHintKind kind) => table.TableHints.Any(h => h.HintKind == kind);

        private sealed class TableReads : TSqlFragmentVisitor
        {
            public List<NamedTableReference> Tables { get; } = [];

            public override void ExplicitVisit(NamedTableReference node)
            {
                Tables.Add(node);
                base.ExplicitVisit(node);
            }
        }
    }

    [Fact]
    public void Parser_RejectsBrokenSql_SoTheChecksAboveCanFail()
    {
        var errors = Parse("SELECT Id FROM Users WHERE Email = @Email LIMIT 5;");

        Assert.NotEmpty(errors);
    }

    /// <summary>Every string the data layer's types hold that starts like a statement, with the SQL Server provider in place.</summary>
    internal static List<(string Source, string Text)> QueryTexts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Dashboard"] = "Server=127.0.0.1,1;Database=never-opened;Trusted_Connection=False;User ID=x;Password=y",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddDashboardData(configuration).BuildServiceProvider();
        var assembly = typeof(Database).Assembly;
        var texts = new List<(string, string)>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true } && !t.Name.StartsWith("Sqlite", StringComparison.Ordinal) && !t.Name.StartsWith('<')))
        {
            object? instance = null;
            if (!type.IsAbstract && !type.ContainsGenericParameters && type.GetConstructors().Length > 0 && type.Namespace != typeof(DatabaseMigrator).Namespace)
            {
                try
                {
                    instance = ActivatorUtilities.CreateInstance(services, type);
                }
                catch (InvalidOperationException)
                {
                    // Records and option types: their texts, if any, are constants read below.
                }
            }

            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(all))
            {
                if (field.FieldType == typeof(string))
                {
                    var value = field.IsLiteral ? field.GetRawConstantValue() as string
                        : field.IsStatic ? field.GetValue(null) as string
                        : instance is null ? null : field.GetValue(instance) as string;
                    if (value is not null && StatementStart().IsMatch(value))
                    {
                        texts.Add(($"{type.Name}.{field.Name}", value));
                    }
                }
                else if (typeof(IReadOnlyDictionary<string, string>).IsAssignableFrom(field.FieldType)
                    && (field.IsStatic ? field.GetValue(null) : instance is null ? null : field.GetValue(instance)) is IReadOnlyDictionary<string, string> dictionary)
                {
                    // Texts composed once per variant and kept by key, such as the queue's pages.
                    texts.AddRange(dictionary.Where(e => StatementStart().IsMatch(e.Value)).Select(e => ($"{type.Name}.{field.Name}[{e.Key}]", e.Value)));
                }
            }
        }

        Assert.Contains(texts, t => t.Item1.StartsWith(nameof(AccountStore), StringComparison.Ordinal));
        return texts;
    }

    private static void AssertParses(string source, string text)
    {
        var errors = Parse(text);
        Assert.True(errors.Count == 0,
            $"{source} does not parse as T-SQL:\n{string.Join("\n", errors.Select(e => $"  line {e.Line}, col {e.Column}: {e.Message}"))}\n---\n{text}");
    }

    private static IList<ParseError> Parse(string text)
    {
        ParseFragment(text, out var errors);
        return errors;
    }

    /// <summary>The text's syntax tree as SQL Server receives it (after Dapper's list expansion).</summary>
    internal static TSqlFragment? ParseFragment(string text, out IList<ParseError> errors)
    {
        // Dapper expands "IN @List" into "IN (@List1, @List2, …)" before the text reaches the server.
        var expanded = DapperListParameter().Replace(text, m => $"IN ({m.Groups[1].Value}1, {m.Groups[1].Value}2)");
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(expanded);
        return parser.Parse(reader, out errors);
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|CREATE|ALTER|DROP|DECLARE|IF|BEGIN|SET|EXEC)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"IN\s+(@\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DapperListParameter();
}
