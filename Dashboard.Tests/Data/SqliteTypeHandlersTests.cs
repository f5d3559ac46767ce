using Dapper;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Data;

public sealed class SqliteTypeHandlersTests
{
    [Fact]
    public async Task Parameters_TimeAndGuid_StoredInTheSchemaTextForms()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SqliteTestDatabase.CreateAsync(ct);
        var batchId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var receivedAt = new DateTimeOffset(2025, 3, 14, 11, 30, 5, TimeSpan.FromHours(2)).AddTicks(1234);

        await using var connection = await db.Database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO IngestedBatches (BatchId, ReceivedAt, SampleCount) VALUES (@BatchId, @ReceivedAt, 1);",
            new { BatchId = batchId, ReceivedAt = receivedAt });
        var stored = await connection.QuerySingleAsync<(string BatchId, string ReceivedAt)>(
            "SELECT CAST(BatchId AS TEXT), CAST(ReceivedAt AS TEXT) FROM IngestedBatches;");
        var readBack = await connection.QuerySingleAsync<DateTimeOffset>("SELECT ReceivedAt FROM IngestedBatches;");

        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", stored.BatchId);
        Assert.Equal("2025-03-14T09:30:05.0001234Z", stored.ReceivedAt);
        Assert.Equal(receivedAt, readBack);
    }
}
