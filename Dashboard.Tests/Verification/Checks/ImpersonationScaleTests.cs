using System.Diagnostics;
using System.Globalization;
using Dashboard.Data.Demo;
using Dashboard.Data.Verification;
using Dashboard.Verification.Checks;

namespace Dashboard.Tests.Verification.Checks;

/// <summary>The impersonation check against the demo data's own businesses and look-alikes, and at the scale of 50,000 verified names.</summary>
public sealed class ImpersonationScaleTests
{
    [Fact]
    public async Task RunAsync_DemoDataImpostors_EachFailAgainstTheirTarget()
    {
        var data = new DemoDataGenerator(new DemoSeedOptions(), CheckHarness.Now).Generate();
        var ids = data.Businesses.Select((b, i) => (b, Id: i + 1L)).ToDictionary(x => x.b, x => x.Id);
        var impostors = data.Businesses.Where(b => b.Impersonates is not null).ToList();
        var verified = data.Businesses.Where(b => b.Impersonates is null)
            .Select(b => new VerifiedBusinessName { Id = ids[b], DisplayName = b.DisplayName, LegalName = b.LegalName });
        var checks = CheckHarness.Create(new FakeCheckDataStore(verified));

        Assert.NotEmpty(impostors);
        foreach (var impostor in impostors)
        {
            var report = await checks.RunAsync(Subject(impostor, ids[impostor]));

            var check = report.Check(CheckCodes.Impersonation);
            Assert.True(check.Verdict == CheckVerdict.Fail, $"'{impostor.DisplayName}' imitating '{impostor.Impersonates!.DisplayName}': {check.Verdict}, {check.Summary}");
            Assert.Contains(report.ClosestNames, m => m.BusinessId == ids[impostor.Impersonates!]);
        }
    }

    [Fact]
    public async Task RunAsync_FiftyThousandVerifiedNames_FindsTheLookAlikes()
    {
        var data = new DemoDataGenerator(new DemoSeedOptions { BusinessCount = 50_000 }, CheckHarness.Now).Generate();
        var businesses = data.Businesses.Where(b => b.Impersonates is null).ToList();
        var verified = businesses.Select((b, i) => new VerifiedBusinessName { Id = i + 1, DisplayName = b.DisplayName, LegalName = b.LegalName }).ToList();
        var checks = CheckHarness.Create(new FakeCheckDataStore(verified));
        var random = new Random(50_000);

        var load = Stopwatch.StartNew();
        await checks.RunAsync(CheckHarness.Bakery());
        load.Stop();

        var elapsed = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var index = random.Next(verified.Count);
            var target = verified[index];
            var lookAlike = SwapTwoLetters(target.DisplayName, random);
            var subject = Subject(businesses[index], null) with { DisplayName = lookAlike, LegalName = lookAlike + " UG" };

            // The best of three runs: the build machine runs other work, and the check's own cost is what is of interest.
            CheckReport report = null!;
            var best = double.MaxValue;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var run = Stopwatch.StartNew();
                report = await checks.RunAsync(subject);
                best = Math.Min(best, run.Elapsed.TotalMilliseconds);
            }

            elapsed.Add(best);

            Assert.True(report.ClosestNames.Any(m => m.BusinessId == target.Id || m.Name == target.DisplayName),
                $"'{lookAlike}' for '{target.DisplayName}': {string.Join("; ", report.ClosestNames)}");
        }

        elapsed.Sort();
        // Timing belongs in a benchmark, not an assertion; the figures go to the test output for the record.
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verified.Count} verified businesses: first run (load and index) {load.Elapsed.TotalMilliseconds:0} ms; per request (best of 3) median {elapsed[elapsed.Count / 2]:0.0} ms, p95 {elapsed[(int)(elapsed.Count * 0.95)]:0.0} ms, max {elapsed[^1]:0.0} ms."));
    }

    private static CheckSubject Subject(BusinessPlan business, long? id) => new(
        id, business.DisplayName, business.LegalName, business.Category, business.Country, business.PhoneE164,
        business.Website, business.EmailDomain, business.RegistrationNumber);

    /// <summary>The name with two neighbouring letters of its longest word swapped, as an impostor types it.</summary>
    private static string SwapTwoLetters(string name, Random random)
    {
        var words = name.Split(' ');
        var longest = Array.IndexOf(words, words.MaxBy(w => w.Length));
        var word = words[longest];
        if (word.Length < 4)
        {
            return name;
        }

        var at = 1 + random.Next(word.Length - 2);
        var letters = word.ToCharArray();
        (letters[at], letters[at - 1]) = (letters[at - 1], letters[at]);
        words[longest] = new string(letters);
        return string.Join(' ', words);
    }
}
