namespace Dashboard.Tests.Support;

/// <summary>
/// Tests that need a program from the machine (Chromium, redis-server) skip with a message saying what to
/// install when it is missing — and fail instead when DASHBOARD_REQUIRE_ALL=1, as on CI.
/// </summary>
public static class RequiredTools
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_ALL") == "1";

    public static void SkipOrFailWhenMissing(string? missingReason)
    {
        if (missingReason is null)
        {
            return;
        }

        if (RequireAll)
        {
            Assert.Fail($"{missingReason} (DASHBOARD_REQUIRE_ALL=1, so a missing tool fails the run.)");
        }

        Assert.Skip(missingReason);
    }
}
