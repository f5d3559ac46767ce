using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.Migrations;

/// <summary>Applies the embedded, numbered migration scripts of the configured provider with DbUp.</summary>
public sealed class DatabaseMigrator(Database database, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DatabaseMigrator>();

    /// <summary>Set once every script has been applied in this process; the readiness check reads it.</summary>
    public bool IsApplied { get; private set; }

    /// <summary>The resource-name prefix of the provider's scripts.</summary>
    public static string ScriptPrefix(DatabaseProvider provider) =>
        $"{typeof(DatabaseMigrator).Namespace}.{provider}.";

    /// <summary>The scripts of one provider, in the order they are applied.</summary>
    public static IReadOnlyList<(string Name, string Text)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var prefix = ScriptPrefix(provider);
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (name[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (database is SqliteDatabase)
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var engine = BuildEngine();
        var pending = engine.GetScriptsToExecute();
        if (pending.Count > 0)
        {
            _logger.LogInformation("Applying {Count} migration script(s) on {Provider}", pending.Count, database.Provider);
        }

        var result = await Task.Run(engine.PerformUpgrade, cancellationToken).ConfigureAwait(false);
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration script '{result.ErrorScript?.Name}' failed on {database.Provider}: {result.Error.Message}", result.Error);
        }

        IsApplied = true;
    }

    /// <summary>Asks the database itself whether any script is still to be applied.</summary>
    public bool HasPendingScripts() => BuildEngine().IsUpgradeRequired();

    private UpgradeEngine BuildEngine()
    {
        var prefix = ScriptPrefix(database.Provider);
        var builder = database.Provider switch
        {
            DatabaseProvider.Sqlite => DeployChanges.To.SqliteDatabase(database.ConnectionString),
            DatabaseProvider.SqlServer => DeployChanges.To.SqlDatabase(database.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown provider {database.Provider}."),
        };

        return builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .WithExecutionTimeout(TimeSpan.FromSeconds(Math.Max(database.CommandTimeout, 120)))
            .LogTo(loggerFactory)
            .Build();
    }
}
