using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Dashboard.Tests.Data;

/// <summary>
/// No SQL Server runs on the build machines, so a query that parses but names a table or column the SQL Server schema
/// lacks would only fail in production. Here the SQL Server migrations are read with Microsoft's parser into the schema
/// they build (tables, their columns, table types), and every T-SQL text of the data layer is checked against it: each
/// table it names exists, and each column it names is a column of a table, table type or derived table in the same
/// text, or a name the text itself gives (an alias).
/// </summary>
public sealed class TSqlSchemaTests
{
    [Fact]
    public void SqlServerSchema_FromTheMigrations_HasEveryTableWithItsLaterColumns()
    {
        var schema = SqlServerSchema.FromMigrations();

        Assert.True(schema.Tables.Count >= 18, $"Only {schema.Tables.Count} tables were read from the migrations.");
        Assert.Contains("Email", schema.Tables["Users"]);

        // Columns added by later migrations belong to their tables, and table types are read too.
        Assert.Contains("UsageJournal", schema.Tables.Keys);
        Assert.NotEmpty(schema.TableTypes);
        Assert.True(schema.Tables["Subscriptions"].Count > 10);
    }

    [Fact]
    public void QueryTexts_OfSqlServerProvider_NameOnlyTablesAndColumnsOfTheSchema()
    {
        var schema = SqlServerSchema.FromMigrations();
        var problems = new List<string>();
        var texts = TSqlParseTests.QueryTexts();
        foreach (var (source, text) in texts)
        {
            var fragment = TSqlParseTests.ParseFragment(text, out var errors);
            Assert.Empty(errors);
            problems.AddRange(schema.Check(fragment!).Select(p => $"{source}: {p}"));
        }

        Assert.True(texts.Count >= 30, $"Only {texts.Count} query texts were found.");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Theory]
    [InlineData("SELECT Id, Emial FROM dbo.Users WHERE Id = @Id;", "column Emial")]
    [InlineData("SELECT Id FROM dbo.Userz;", "table Userz")]
    [InlineData("UPDATE dbo.Businesses SET DisplayNam = @Name WHERE Id = @Id;", "column DisplayNam")]
    [InlineData("INSERT INTO dbo.AuditLog (Actr) VALUES (@Actor);", "column Actr")]
    public void Check_FindsAMisspeltTableOrColumn_SoTheCheckAboveCanFail(string text, string expected)
    {
        var schema = SqlServerSchema.FromMigrations();

        var problems = schema.Check(TSqlParseTests.ParseFragment(text, out _)!);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AcceptsAliasesCommonTableExpressionsDerivedTablesAndDateParts()
    {
        var schema = SqlServerSchema.FromMigrations();
        const string text = """
            WITH recent (UserId, Seen) AS (SELECT Id, CreatedAt FROM dbo.Users)
            SELECT r.UserId, DATEADD(day, 1, r.Seen) AS NextDay, v.Extra
            FROM recent AS r
            CROSS APPLY (VALUES (1)) AS v (Extra)
            ORDER BY NextDay;
            """;

        Assert.Empty(schema.Check(TSqlParseTests.ParseFragment(text, out _)!));
    }

    /// <summary>The tables (with their columns) and table types the SQL Server migrations create, by name.</summary>
    private sealed class SqlServerSchema
    {
        private static readonly HashSet<string> s_dateFunctions = new(StringComparer.OrdinalIgnoreCase)
        {
            "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC", "DATE_BUCKET",
        };

        public Dictionary<string, HashSet<string>> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, HashSet<string>> TableTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

        public static SqlServerSchema FromMigrations()
        {
            var schema = new SqlServerSchema();
            foreach (var script in DatabaseMigrator.Scripts(DatabaseProvider.SqlServer))
            {
                var fragment = TSqlParseTests.ParseFragment(script.Text, out var errors);
                Assert.True(errors.Count == 0, $"{script.Name} does not parse.");
                fragment!.Accept(new SchemaReader(schema));
            }

            return schema;
        }

        /// <summary>What the text names that the schema lacks, one line each.</summary>
        public List<string> Check(TSqlFragment fragment)
        {
            var names = new NameCollector(s_dateFunctions);
            fragment.Accept(names);
            var problems = new List<string>();
            if (names.Tables.Count == 0 && !names.UsesTableVariables)
            {
                // A piece of a composed query (a select list, say): the texts composed with it are checked whole.
                return problems;
            }

            var inScope = new HashSet<string>(names.Aliases, StringComparer.OrdinalIgnoreCase);
            foreach (var table in names.Tables)
            {
                if (Tables.TryGetValue(table, out var columns))
                {
                    inScope.UnionWith(columns);
                }
                else if (!names.CommonTableExpressions.Contains(table) && !table.StartsWith('#'))
                {
                    problems.Add($"table {table} is not in the schema");
                }
            }

            if (names.UsesTableVariables)
            {
                foreach (var columns in TableTypes.Values)
                {
                    inScope.UnionWith(columns);
                }
            }

            problems.AddRange(names.Columns.Where(c => !inScope.Contains(c)).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(c => $"column {c} is in none of the tables it reads or writes ({string.Join(", ", names.Tables)})"));
            return problems;
        }

        private sealed class SchemaReader(SqlServerSchema schema) : TSqlFragmentVisitor
        {
            public override void ExplicitVisit(CreateTableStatement node) =>
                Add(schema.Tables, node.SchemaObjectName, node.Definition.ColumnDefinitions);

            public override void ExplicitVisit(AlterTableAddTableElementStatement node) =>
                Add(schema.Tables, node.SchemaObjectName, node.Definition.ColumnDefinitions);

            public override void ExplicitVisit(CreateTypeTableStatement node) =>
                Add(schema.TableTypes, node.Name, node.Definition.ColumnDefinitions);

            private static void Add(Dictionary<string, HashSet<string>> into, SchemaObjectName name, IEnumerable<ColumnDefinition> columns)
            {
                var table = name.BaseIdentifier.Value;
                if (!into.TryGetValue(table, out var known))
                {
                    into[table] = known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                }

                known.UnionWith(columns.Select(c => c.ColumnIdentifier.Value));
            }
        }

        /// <summary>The tables, columns and self-given names of one text.</summary>
        private sealed class NameCollector(HashSet<string> dateFunctions) : TSqlFragmentVisitor
        {
            private readonly HashSet<TSqlFragment> _dateParts = [];

            public List<string> Tables { get; } = [];

            public List<string> Columns { get; } = [];

            public HashSet<string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

            public HashSet<string> CommonTableExpressions { get; } = new(StringComparer.OrdinalIgnoreCase);

            public bool UsesTableVariables { get; private set; }

            public override void ExplicitVisit(NamedTableReference node)
            {
                Tables.Add(node.SchemaObject.BaseIdentifier.Value);
                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(VariableTableReference node)
            {
                UsesTableVariables = true;
                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(CommonTableExpression node)
            {
                CommonTableExpressions.Add(node.ExpressionName.Value);
                Aliases.UnionWith(node.Columns.Select(c => c.Value));
                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(SelectScalarExpression node)
            {
                if (node.ColumnName?.Value is { } alias)
                {
                    Aliases.Add(alias);
                }

                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(QueryDerivedTable node)
            {
                Aliases.UnionWith(node.Columns.Select(c => c.Value));
                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(InlineDerivedTable node)
            {
                Aliases.UnionWith(node.Columns.Select(c => c.Value));
                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(FunctionCall node)
            {
                // DATEADD(day, …): the date part reads like a column to the parser.
                if (dateFunctions.Contains(node.FunctionName.Value) && node.Parameters.Count > 0)
                {
                    _dateParts.Add(node.Parameters[0]);
                }

                base.ExplicitVisit(node);
            }

            public override void ExplicitVisit(ColumnReferenceExpression node)
            {
                if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { Count: > 0 } name && !_dateParts.Contains(node))
                {
                    Columns.Add(name.Identifiers[^1].Value);
                }

                base.ExplicitVisit(node);
            }
        }
    }
}
