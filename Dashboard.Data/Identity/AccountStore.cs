using System.Data.Common;
using Dapper;
using Dashboard.Data.Audit;

namespace Dashboard.Data.Identity;

/// <summary>A console user with their roles.</summary>
public sealed record UserAccount
{
    public long Id { get; init; }

    public string Email { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string? PasswordHash { get; init; }

    public string? ExternalSubject { get; init; }

    public bool IsDisabled { get; init; }

    public int AccessFailedCount { get; init; }

    public DateTimeOffset? LockoutEnd { get; init; }

    public string Theme { get; init; } = "System";

    public string? Culture { get; init; }

    public string SecurityStamp { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastSignInAt { get; init; }

    public int Version { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}

/// <summary>What it takes to create a user.</summary>
public sealed record NewUser(string Email, string DisplayName, string? PasswordHash, IReadOnlyCollection<string> Roles, string? ExternalSubject = null);

/// <summary>The outcome of a failed sign-in: how many failures in a row, and whether the account is now locked.</summary>
public sealed record FailedSignIn(bool KnownUser, int AccessFailedCount, DateTimeOffset? LockoutEnd);

/// <summary>Local user accounts, roles, sign-in bookkeeping and per-user preferences.</summary>
public interface IAccountStore
{
    Task<int> CountAsync(CancellationToken cancellationToken);

    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken);

    Task<UserAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    Task<long> CreateAsync(NewUser user, Actor actor, CancellationToken cancellationToken);

    Task SetRolesAsync(long id, IReadOnlyCollection<string> roles, int expectedVersion, Actor actor, CancellationToken cancellationToken);

    Task SetDisabledAsync(long id, bool disabled, int expectedVersion, Actor actor, CancellationToken cancellationToken);

    Task SetPasswordHashAsync(long id, string passwordHash, int expectedVersion, Actor actor, CancellationToken cancellationToken);

    Task RecordSignInAsync(long id, Actor actor, CancellationToken cancellationToken);

    Task<FailedSignIn> RecordFailedSignInAsync(string email, int maxFailures, TimeSpan lockoutDuration, string? remoteIp, string reason, CancellationToken cancellationToken);

    Task SetThemeAsync(long id, string theme, CancellationToken cancellationToken);

    Task SetCultureAsync(long id, string? culture, CancellationToken cancellationToken);
}

/// <summary>Dapper implementation of <see cref="IAccountStore"/> for both providers.</summary>
public sealed class AccountStore(Database database, AuditLog audit, TimeProvider time) : IAccountStore
{
    private const string Columns =
        "Id, Email, DisplayName, PasswordHash, ExternalSubject, IsDisabled, AccessFailedCount, LockoutEnd, Theme, Culture, SecurityStamp, CreatedAt, LastSignInAt, Version";

    private const string CountSql = "SELECT COUNT(*) FROM Users;";
    private const string ByEmailSql = "SELECT " + Columns + " FROM Users WHERE Email = @Email;";
    private const string ByIdSql = "SELECT " + Columns + " FROM Users WHERE Id = @Id;";
    private const string BySubjectSql = "SELECT " + Columns + " FROM Users WHERE ExternalSubject = @Subject;";
    private const string ListSql = "SELECT " + Columns + " FROM Users ORDER BY Email;";
    private const string RolesOfSql = "SELECT Role FROM UserRoles WHERE UserId = @Id ORDER BY Role;";
    private const string AllRolesSql = "SELECT UserId, Role FROM UserRoles ORDER BY UserId, Role;";
    private const string InsertRoleSql = "INSERT INTO UserRoles (UserId, Role) VALUES (@UserId, @Role);";
    private const string DeleteRolesSql = "DELETE FROM UserRoles WHERE UserId = @Id;";
    private const string BumpVersionSql =
        "UPDATE Users SET Version = Version + 1, SecurityStamp = @Stamp WHERE Id = @Id AND Version = @ExpectedVersion;";
    private const string SetDisabledSql =
        "UPDATE Users SET IsDisabled = @Disabled, SecurityStamp = @Stamp, Version = Version + 1 WHERE Id = @Id AND Version = @ExpectedVersion;";
    private const string SetPasswordSql =
        "UPDATE Users SET PasswordHash = @Hash, AccessFailedCount = 0, LockoutEnd = NULL, SecurityStamp = @Stamp, Version = Version + 1 WHERE Id = @Id AND Version = @ExpectedVersion;";
    private const string SignInSql =
        "UPDATE Users SET AccessFailedCount = 0, LockoutEnd = NULL, LastSignInAt = @At WHERE Id = @Id;";
    private const string FailedSignInSql = """
        UPDATE Users
        SET AccessFailedCount = CASE WHEN AccessFailedCount + 1 >= @MaxFailures THEN 0 ELSE AccessFailedCount + 1 END,
            LockoutEnd = CASE WHEN AccessFailedCount + 1 >= @MaxFailures THEN @LockoutEnd ELSE LockoutEnd END
        WHERE Email = @Email;
        """;
    private const string FailureStateSql = "SELECT Id, AccessFailedCount, LockoutEnd FROM Users WHERE Email = @Email;";
    private const string SetThemeSql = "UPDATE Users SET Theme = @Theme WHERE Id = @Id;";
    private const string SetCultureSql = "UPDATE Users SET Culture = @Culture WHERE Id = @Id;";

    private readonly string _insertUser = database.InsertReturningId(
        "Users", "Email", "DisplayName", "PasswordHash", "ExternalSubject", "SecurityStamp", "CreatedAt");

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(Command(CountSql, null, cancellationToken)).ConfigureAwait(false);
    }

    public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindAsync(ByEmailSql, new { Email = email.Trim() }, cancellationToken);

    public Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken) =>
        FindAsync(ByIdSql, new { Id = id }, cancellationToken);

    public Task<UserAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken) =>
        FindAsync(BySubjectSql, new { Subject = subject }, cancellationToken);

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var users = await connection.QueryAsync<UserAccount>(Command(ListSql, null, cancellationToken)).ConfigureAwait(false);
        var roles = (await connection.QueryAsync<UserRole>(Command(AllRolesSql, null, cancellationToken)).ConfigureAwait(false))
            .ToLookup(r => r.UserId, r => r.Role);
        return users.Select(u => u with { Roles = roles[u.Id].ToList() }).ToList();
    }

    public async Task<long> CreateAsync(NewUser user, Actor actor, CancellationToken cancellationToken)
    {
        var email = user.Email.Trim();
        var roles = CanonicalRoles(user.Roles);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(Command(_insertUser, new
            {
                Email = email,
                DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? email : user.DisplayName.Trim(),
                user.PasswordHash,
                user.ExternalSubject,
                SecurityStamp = NewStamp(),
                CreatedAt = time.GetUtcNow(),
            }, cancellationToken, transaction)).ConfigureAwait(false);
        }
        catch (DbException ex) when (database.IsUniqueViolation(ex))
        {
            throw new DuplicateValueException("Email", email);
        }

        await InsertRolesAsync(connection, transaction, id, roles, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            new AuditEntry("UserCreated", "User", Id(id), $"Created {email}", After: new { Email = email, Roles = roles, External = user.ExternalSubject is not null }),
            actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task SetRolesAsync(long id, IReadOnlyCollection<string> roles, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var canonical = CanonicalRoles(roles);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var before = (await connection.QueryAsync<string>(Command(RolesOfSql, new { Id = id }, cancellationToken, transaction)).ConfigureAwait(false)).AsList();
        await BumpAsync(connection, transaction, BumpVersionSql, new { Id = id, ExpectedVersion = expectedVersion, Stamp = NewStamp() }, id, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(DeleteRolesSql, new { Id = id }, cancellationToken, transaction)).ConfigureAwait(false);
        await InsertRolesAsync(connection, transaction, id, canonical, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            new AuditEntry("UserRolesChanged", "User", Id(id), null, new { Roles = before }, new { Roles = canonical }), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetDisabledAsync(long id, bool disabled, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await BumpAsync(connection, transaction, SetDisabledSql, new { Id = id, Disabled = disabled, ExpectedVersion = expectedVersion, Stamp = NewStamp() }, id, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction,
            new AuditEntry(disabled ? "UserDisabled" : "UserEnabled", "User", Id(id), null, new { Disabled = !disabled }, new { Disabled = disabled }), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetPasswordHashAsync(long id, string passwordHash, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await BumpAsync(connection, transaction, SetPasswordSql, new { Id = id, Hash = passwordHash, ExpectedVersion = expectedVersion, Stamp = NewStamp() }, id, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEntry("UserPasswordReset", "User", Id(id), "Password reset"), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordSignInAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(SignInSql, new { Id = id, At = time.GetUtcNow() }, cancellationToken, transaction)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, new AuditEntry("SignIn", "User", Id(id), "Signed in"), actor).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FailedSignIn> RecordFailedSignInAsync(string email, int maxFailures, TimeSpan lockoutDuration, string? remoteIp, string reason, CancellationToken cancellationToken)
    {
        var trimmed = email.Trim();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(FailedSignInSql, new
        {
            Email = trimmed,
            MaxFailures = maxFailures,
            LockoutEnd = time.GetUtcNow() + lockoutDuration,
        }, cancellationToken, transaction)).ConfigureAwait(false);
        var state = await connection.QuerySingleOrDefaultAsync<FailureState>(
            Command(FailureStateSql, new { Email = trimmed }, cancellationToken, transaction)).ConfigureAwait(false);
        var locked = state?.LockoutEnd is { } end && end > time.GetUtcNow();
        await audit.AppendAsync(connection, transaction,
            new AuditEntry("SignInFailed", "User", state is null ? null : Id(state.Id), locked ? $"{reason}; account locked" : reason),
            new Actor(ActorKind.User, null, trimmed.Length > 320 ? trimmed[..320] : trimmed, remoteIp)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return state is null ? new FailedSignIn(false, 0, null) : new FailedSignIn(true, state.AccessFailedCount, state.LockoutEnd);
    }

    public async Task SetThemeAsync(long id, string theme, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(SetThemeSql, new { Id = id, Theme = theme }, cancellationToken)).ConfigureAwait(false);
    }

    public async Task SetCultureAsync(long id, string? culture, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Command(SetCultureSql, new { Id = id, Culture = culture }, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<UserAccount?> FindAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var user = await connection.QuerySingleOrDefaultAsync<UserAccount>(Command(sql, parameters, cancellationToken)).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var roles = await connection.QueryAsync<string>(Command(RolesOfSql, new { user.Id }, cancellationToken)).ConfigureAwait(false);
        return user with { Roles = roles.AsList() };
    }

    private async Task InsertRolesAsync(DbConnection connection, DbTransaction transaction, long id, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        foreach (var role in roles)
        {
            await connection.ExecuteAsync(Command(InsertRoleSql, new { UserId = id, Role = role }, cancellationToken, transaction)).ConfigureAwait(false);
        }
    }

    private async Task BumpAsync(DbConnection connection, DbTransaction transaction, string sql, object parameters, long id, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(Command(sql, parameters, cancellationToken, transaction)).ConfigureAwait(false);
        if (changed == 0)
        {
            var exists = await connection.ExecuteScalarAsync<int>(Command(CountByIdSql, new { Id = id }, cancellationToken, transaction)).ConfigureAwait(false);
            throw exists == 0 ? new NotFoundException("User", Id(id)) : new ConcurrencyConflictException("User", Id(id));
        }
    }

    private const string CountByIdSql = "SELECT COUNT(*) FROM Users WHERE Id = @Id;";

    private static List<string> CanonicalRoles(IReadOnlyCollection<string> roles)
    {
        var canonical = new List<string>();
        foreach (var role in roles)
        {
            var name = Identity.Roles.Normalise(role) ?? throw new ArgumentException($"'{role}' is not a role. Roles: {string.Join(", ", Identity.Roles.All)}.", nameof(roles));
            if (!canonical.Contains(name))
            {
                canonical.Add(name);
            }
        }

        return canonical;
    }

    private sealed record FailureState
    {
        public long Id { get; init; }

        public int AccessFailedCount { get; init; }

        public DateTimeOffset? LockoutEnd { get; init; }
    }

    private sealed record UserRole
    {
        public long UserId { get; init; }

        public string Role { get; init; } = "";
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, database.CommandTimeout, cancellationToken: cancellationToken);
}
