using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Identity;

/// <summary>Settings of the <c>Identity</c> section: lockout and session length.</summary>
public sealed class SignInSettings
{
    public const string SectionName = "Identity";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public int SessionHours { get; set; } = 8;
}

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}

/// <summary>The result of a password sign-in: the user when it succeeded, or why it did not.</summary>
public sealed record PasswordSignInResult(SignInOutcome Outcome, UserAccount? User = null, DateTimeOffset? LockoutEnd = null);

/// <summary>Local accounts: password sign-in with lockout, user creation and password resets.</summary>
public sealed class AccountService(
    IAccountStore store,
    IAuditLog audit,
    IPasswordHasher<UserAccount> hasher,
    TimeProvider time,
    IOptions<SignInSettings> settings)
{
    // Verified against when the e-mail is unknown, so that a wrong e-mail costs as long as a wrong password.
    private static readonly Lazy<string> s_dummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), "not-a-password"));

    public async Task<PasswordSignInResult> PasswordSignInAsync(string email, string password, string? remoteIp, CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var user = string.IsNullOrWhiteSpace(email) ? null : await store.FindByEmailAsync(email, cancellationToken);
        var now = time.GetUtcNow();
        if (user is not null && user.IsLockedOut(now))
        {
            await RefusedAsync(user, remoteIp, "Account locked", cancellationToken);
            return new PasswordSignInResult(SignInOutcome.LockedOut, LockoutEnd: user.LockoutEnd);
        }

        var verified = user?.PasswordHash is { } hash
            && hasher.VerifyHashedPassword(user, hash, password ?? "") != PasswordVerificationResult.Failed;
        if (user is null)
        {
            hasher.VerifyHashedPassword(new UserAccount(), s_dummyHash.Value, password ?? "");
        }

        if (!verified)
        {
            if (!string.IsNullOrWhiteSpace(email))
            {
                var failure = await store.RecordFailedSignInAsync(email, options.MaxFailedAttempts, TimeSpan.FromMinutes(options.LockoutMinutes), remoteIp,
                    user is null ? "Unknown e-mail" : "Wrong password", cancellationToken);
                if (failure.LockoutEnd is { } end && end > now)
                {
                    return new PasswordSignInResult(SignInOutcome.LockedOut, LockoutEnd: end);
                }
            }

            return new PasswordSignInResult(SignInOutcome.InvalidCredentials);
        }

        if (user!.IsDisabled)
        {
            await RefusedAsync(user, remoteIp, "Account disabled", cancellationToken);
            return new PasswordSignInResult(SignInOutcome.Disabled);
        }

        await store.RecordSignInAsync(user.Id, Actor.User(user.Id, user.Email, remoteIp), cancellationToken);
        return new PasswordSignInResult(SignInOutcome.Succeeded, user);
    }

    private Task RefusedAsync(UserAccount user, string? remoteIp, string reason, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEntry("SignInFailed", "User", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), reason),
            new Actor(ActorKind.User, null, user.Email, remoteIp), cancellationToken);

    /// <summary>Creates a local user with a generated password, which is returned once and stored only as a hash.</summary>
    public async Task<(long Id, string Password)> CreateUserAsync(string email, string? displayName, IReadOnlyCollection<string> roles, Actor actor, CancellationToken cancellationToken)
    {
        var trimmed = ValidateEmail(email);
        if (roles.Count == 0)
        {
            throw new ArgumentException("Give the user at least one role.", nameof(roles));
        }

        var password = GeneratePassword();
        var hash = hasher.HashPassword(new UserAccount { Email = trimmed }, password);
        var id = await store.CreateAsync(new NewUser(trimmed, string.IsNullOrWhiteSpace(displayName) ? trimmed : displayName.Trim(), hash, roles), actor, cancellationToken);
        return (id, password);
    }

    /// <summary>Creates a user with a known password (demo users only).</summary>
    public Task<long> CreateUserWithPasswordAsync(string email, string displayName, string password, IReadOnlyCollection<string> roles, Actor actor, CancellationToken cancellationToken)
    {
        var hash = hasher.HashPassword(new UserAccount { Email = email }, password);
        return store.CreateAsync(new NewUser(ValidateEmail(email), displayName, hash, roles), actor, cancellationToken);
    }

    public async Task<string> ResetPasswordAsync(long id, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var user = await store.FindByIdAsync(id, cancellationToken) ?? throw new NotFoundException("User", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var password = GeneratePassword();
        await store.SetPasswordHashAsync(id, hasher.HashPassword(user, password), expectedVersion, actor, cancellationToken);
        return password;
    }

    /// <summary>The claims of a signed-in user: id, e-mail, display name, roles and the security stamp that later requests check.</summary>
    public static ClaimsPrincipal CreatePrincipal(UserAccount user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ConsoleClaims.UserId, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.Email, user.Email),
            new(ConsoleClaims.DisplayName, user.DisplayName),
            new(ConsoleClaims.SecurityStamp, user.SecurityStamp),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string ValidateEmail(string email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is < 3 or > 320 || trimmed.IndexOf('@', StringComparison.Ordinal) is <= 0 || trimmed.EndsWith('@') || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));
        }

        return trimmed;
    }

    /// <summary>A 20-character password from an unambiguous alphabet (no 0/O, 1/l/I).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
