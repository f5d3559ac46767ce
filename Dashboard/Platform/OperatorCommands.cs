using System.CommandLine;
using Dashboard.Data;
using Dashboard.Data.Audit;
using Dashboard.Data.Identity;
using Dashboard.Data.Migrations;
using Dashboard.Identity;

namespace Dashboard.Platform;

/// <summary>
/// The operators' command line, run by the same executable: <c>users add</c>, <c>apikey create</c>, <c>apikey revoke</c>.
/// It uses the console's configuration (appsettings, environment variables) and applies migrations first.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] s_commands = ["users", "apikey"];

    public static bool IsCommand(string[] args) => args.Length > 0 && s_commands.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddDashboardData(builder.Configuration);
        builder.Services.AddConsoleIdentity(builder.Configuration);
        using var host = builder.Build();
        var services = host.Services;
        var actor = new Actor(ActorKind.System, null, "cli:" + Environment.UserName);

        var email = new Option<string>("--email") { Description = "The user's e-mail address", Required = true };
        var role = new Option<string>("--role") { Description = $"One or more roles, comma-separated: {string.Join(", ", Roles.All)}", Required = true };
        var displayName = new Option<string?>("--name") { Description = "The user's display name (default: the e-mail)" };
        var usersAdd = new Command("add", "Create a local user and print a generated password") { email, role, displayName };
        usersAdd.SetAction(async (parse, cancellationToken) =>
        {
            var roles = parse.GetValue(role)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = roles.Where(r => Roles.Normalise(r) is null).ToList();
            if (unknown.Count > 0)
            {
                await error.WriteLineAsync($"Unknown role(s): {string.Join(", ", unknown)}. Roles: {string.Join(", ", Roles.All)}.");
                return 2;
            }

            await MigrateAsync(services, cancellationToken);
            var (id, password) = await services.GetRequiredService<AccountService>()
                .CreateUserAsync(parse.GetValue(email)!, parse.GetValue(displayName), roles, actor, cancellationToken);
            await output.WriteLineAsync($"Created user {parse.GetValue(email)} (id {id}) with role(s) {string.Join(", ", roles.Select(r => Roles.Normalise(r)))}.");
            await output.WriteLineAsync("Password (shown once; the user should keep it safe):");
            await output.WriteLineAsync(password);
            return 0;
        });

        var name = new Option<string>("--name") { Description = "The key's name, e.g. the calling service", Required = true };
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated scopes: {string.Join(", ", ApiScopes.All)}", Required = true };
        var apikeyCreate = new Command("create", "Create an API key and print it once") { name, scopes };
        apikeyCreate.SetAction(async (parse, cancellationToken) =>
        {
            var requested = parse.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = requested.Where(s => !ApiScopes.All.Contains(s.ToLowerInvariant())).ToList();
            if (unknown.Count > 0 || requested.Length == 0)
            {
                await error.WriteLineAsync($"Unknown scope(s): {string.Join(", ", unknown)}. Scopes: {string.Join(", ", ApiScopes.All)}.");
                return 2;
            }

            await MigrateAsync(services, cancellationToken);
            var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(name)!, requested, actor, cancellationToken);
            await output.WriteLineAsync($"Created API key '{created.Name}' with scope(s) {string.Join(", ", created.Scopes)}.");
            await output.WriteLineAsync("The key is shown once; only its hash is stored. Send it in the X-Api-Key header:");
            await output.WriteLineAsync(created.Key);
            return 0;
        });

        var revokeName = new Option<string>("--name") { Description = "The key's name", Required = true };
        var apikeyRevoke = new Command("revoke", "Revoke an API key at once") { revokeName };
        apikeyRevoke.SetAction(async (parse, cancellationToken) =>
        {
            await MigrateAsync(services, cancellationToken);
            var keyName = parse.GetValue(revokeName)!;
            var revoked = await services.GetRequiredService<ApiKeyService>().RevokeAsync(keyName, actor, cancellationToken);
            await output.WriteLineAsync(revoked ? $"Revoked API key '{keyName}'." : $"API key '{keyName}' was already revoked.");
            return 0;
        });

        var root = new RootCommand("Business Console — operator commands")
        {
            new Command("users", "Manage console users") { usersAdd },
            new Command("apikey", "Manage API keys of the platform's services") { apikeyCreate, apikeyRevoke },
        };

        var parseResult = root.Parse(args);
        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        }
        catch (Exception ex) when (ex is ArgumentException or DuplicateValueException or NotFoundException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
}
