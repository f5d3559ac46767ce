using Dashboard.Data.Identity;

namespace Dashboard.Tests.Verification;

/// <summary>
/// A week of reviewer work through the real workflow, at known times (the world's clock starts Monday 2 November 2026, 09:00 UTC):
/// <list type="bullet">
/// <item>Mon 09:00 requests A, B and C arrive. rita approves A at 11:00 (2 h), rejects B at 12:30 (3 h 30 min) and escalates C
/// at 13:00; sam asks C's business for more information at 14:00.</item>
/// <item>Tue 10:00 requests D and E arrive (due Thu 10:00). sam approves D at 15:00 (5 h). E stays open.</item>
/// </list>
/// Decisions: rita 3 on Monday; sam 1 on Monday and 1 on Tuesday. Approved A and D, rejected B.
/// </summary>
public static class StatsScenario
{
    public const string Rita = "rita";
    public const string Sam = "sam";

    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task SeedAsync(VerificationWorld world)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var rita = await world.UserAsync(Rita, Roles.Reviewer);
        var sam = await world.UserAsync(Sam, Roles.SeniorReviewer);
        world.Time.SetUtcNow(Monday);
        var a = await world.ApplyAsync(displayName: "Alpen Apotheke");
        var b = await world.ApplyAsync(displayName: "Bäckerei Brandl");
        var c = await world.ApplyAsync(displayName: "Café Central");

        world.Time.SetUtcNow(Monday.AddHours(2));
        var opened = (await world.Service.OpenAsync(rita, a.RequestId, cancellationToken))!;
        await world.Service.ApproveAsync(rita, a.RequestId, opened.Request.Version, null, cancellationToken);

        world.Time.SetUtcNow(Monday.AddHours(3.5));
        opened = (await world.Service.OpenAsync(rita, b.RequestId, cancellationToken))!;
        await world.Service.RejectAsync(rita, b.RequestId, opened.Request.Version, "WEBSITE_NOT_MATCHING", "Website belongs to another bakery", cancellationToken);

        world.Time.SetUtcNow(Monday.AddHours(4));
        opened = (await world.Service.OpenAsync(rita, c.RequestId, cancellationToken))!;
        await world.Service.EscalateAsync(rita, c.RequestId, opened.Request.Version, "Franchise or the owner?", cancellationToken);

        world.Time.SetUtcNow(Monday.AddHours(5));
        opened = (await world.Service.OpenAsync(sam, c.RequestId, cancellationToken))!;
        await world.Service.RequestInfoAsync(sam, c.RequestId, opened.Request.Version, "Send the franchise agreement.", cancellationToken);

        var tuesday = Monday.AddDays(1);
        world.Time.SetUtcNow(tuesday.AddHours(1));
        var d = await world.ApplyAsync(displayName: "Donau Druck");
        await world.ApplyAsync(displayName: "Eder Elektro");

        world.Time.SetUtcNow(tuesday.AddHours(6));
        opened = (await world.Service.OpenAsync(sam, d.RequestId, cancellationToken))!;
        await world.Service.ApproveAsync(sam, d.RequestId, opened.Request.Version, null, cancellationToken);
    }
}
