using Dapper;
using Dashboard.Data.Businesses;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Usage;

/// <summary>What "active businesses" counts on every provider: each business with messages on a day of the range, once.</summary>
public abstract class ActiveBusinessesContract<TDatabase>(TDatabase fixture) : IClassFixture<TDatabase>
    where TDatabase : MigratedDatabase
{
    // Days of its own, far from other tests', so that a shared SQL Server database stays fair.
    private readonly DateTimeOffset _from = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 1_000) * 40);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual void SkipIfUnavailable()
    {
    }

    [Fact]
    public async Task ActiveBusinessesAsync_CountsEachBusinessWithMessagesInTheRangeOnce()
    {
        SkipIfUnavailable();
        await BusinessAsync((0, 5), (1, 7), (29, 1));
        await BusinessAsync((0, 1));
        await BusinessAsync((-1, 100));
        await BusinessAsync((30, 100));
        await BusinessAsync((3, 0));
        await BusinessAsync();

        var store = new BusinessStore(fixture.Database);

        Assert.Equal(2, await store.ActiveBusinessesAsync(_from, _from.AddDays(30), Ct));
        Assert.Equal(1, await store.ActiveBusinessesAsync(_from.AddDays(1), _from.AddDays(30), Ct));
        Assert.Equal(0, await store.ActiveBusinessesAsync(_from.AddDays(2), _from.AddDays(29), Ct));
    }

    /// <summary>A business with the given messages on days counted from the range's first day.</summary>
    private async Task<long> BusinessAsync(params (int Day, long Messages)[] days)
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        var id = await connection.ExecuteScalarAsync<long>(
            fixture.Database.InsertReturningId("Businesses", "DisplayName", "LegalName", "Category", "Country", "PhoneE164", "CreatedAt", "UpdatedAt") + ";",
            new
            {
                DisplayName = "Nordlicht Versand",
                LegalName = "Nordlicht Versand GmbH",
                Category = "OnlineRetailer",
                Country = "DE",
                PhoneE164 = "+4989" + Random.Shared.Next(1_000_000, 9_999_999),
                CreatedAt = _from,
                UpdatedAt = _from,
            });
        foreach (var (day, messages) in days)
        {
            await connection.ExecuteAsync("INSERT INTO BusinessUsageDay (BusinessId, Day, Conversations, Messages) VALUES (@Id, @Day, @Conversations, @Messages);",
                new { Id = id, Day = _from.AddDays(day).ToUnixTimeSeconds(), Conversations = messages > 0 ? 1 : 3, Messages = messages });
        }

        return id;
    }
}

public sealed class SqliteActiveBusinessesTests(SqliteMigratedDatabase fixture) : ActiveBusinessesContract<SqliteMigratedDatabase>(fixture);

public sealed class SqlServerActiveBusinessesTests(SqlServerMigratedDatabase fixture) : ActiveBusinessesContract<SqlServerMigratedDatabase>(fixture)
{
    protected override void SkipIfUnavailable() => SqlServerMigratedDatabase.SkipUnlessConfigured();
}
