using System.Security.Claims;
using Dashboard.Audit;
using Dashboard.Data.Audit;
using Dashboard.Data.Tiers;
using Dashboard.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Tiers;

/// <summary>Keeps each business's stored SME status in line with the rule's verdict, with an audit entry for every change.</summary>
public sealed class SmeStatusService(SmeEligibility eligibility, ISmeStatusStore store, IAuthorizationService authorization, ILogger<SmeStatusService> logger)
{
    public const string AuditAction = "SmeStatusChanged";

    /// <summary>An account manager or admin applies the verdict to one business now; returns the verdict, or null for an unknown business.</summary>
    public async Task<SmeVerdict?> ApplyAsync(ClaimsPrincipal user, long businessId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.Accounts)).Succeeded
            || !long.TryParse(user.FindFirstValue(ConsoleClaims.UserId), out var id))
        {
            throw new UnauthorizedAccessException(TiersText.Get("Sme.UpdateDenied"));
        }

        var verdict = await eligibility.JudgeAsync(businessId, cancellationToken);
        if (verdict is { HasFigures: true, Changed: true })
        {
            await WriteAsync(verdict, Actor.User(id, user.Identity?.Name ?? ""), cancellationToken);
        }

        return verdict;
    }

    /// <summary>Checks every business and writes the status where the verdict differs; returns how many changed.</summary>
    public async Task<int> ReviewAllAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var businessId in await store.BusinessIdsAsync(cancellationToken))
        {
            var verdict = await eligibility.JudgeAsync(businessId, cancellationToken);
            if (verdict is { HasFigures: true, Changed: true } && await WriteAsync(verdict, Actor.Console("sme-review"), cancellationToken))
            {
                changed++;
            }
        }

        return changed;
    }

    private async Task<bool> WriteAsync(SmeVerdict verdict, Actor actor, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(AuditAction, AuditVisibility.Business, verdict.BusinessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{verdict.Name}: SME status {verdict.StoredStatus} → {verdict.Status}",
            new { SmeStatus = verdict.StoredStatus }, new { SmeStatus = verdict.Status, verdict.Reasons });
        var written = await store.UpdateAsync(verdict.BusinessId, verdict.StoredStatus, verdict.Status, entry, actor, cancellationToken);
        if (!written)
        {
            logger.LogInformation("SME status of business {BusinessId} changed meanwhile; left for the next review", verdict.BusinessId);
        }

        return written;
    }
}

/// <summary>Reviews every business's SME status at start-up and then at the configured interval.</summary>
public sealed class SmeReviewJob(SmeStatusService service, IOptions<SmeOptions> options, TimeProvider time, ILogger<SmeReviewJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReviewInterval, time);
        do
        {
            try
            {
                var changed = await service.ReviewAllAsync(stoppingToken);
                logger.LogInformation("SME review done: {Count} status(es) updated", changed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "SME review failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
