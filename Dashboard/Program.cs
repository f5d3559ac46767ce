using Dashboard.Admin;
using Dashboard.Data;
using Dashboard.Identity;
using Dashboard.Platform;
using Dashboard.Platform.ScaleOut;
using Dashboard.Shell;
using Dashboard.Tiers;
using Dashboard.Usage;
using Dashboard.Verification;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDashboardData(builder.Configuration);
builder.Services.AddConsoleIdentity(builder.Configuration);
builder.Services.AddConsolePlatform(builder.Configuration, builder.Environment);
builder.Services.AddConsoleTelemetry(builder.Configuration);
builder.Services.AddApiRateLimits(builder.Configuration);
builder.Services.AddVerification(builder.Configuration);
builder.Services.AddTiers(builder.Configuration);
builder.Services.AddUsage(builder.Configuration);
builder.Services.AddConsoleScaleOut(builder.Configuration);
builder.Services.AddUsageOverview();
builder.Services.AddConsoleAdmin();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddConsoleLocalization();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseRequestLocalization();
app.UseMiddleware<DatabaseUnavailableMiddleware>();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// The console's own assets (theme, logo, favicon) are kept in wwwroot-assets beside the projects and copied next to the binaries.
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
    RequestPath = "/assets",
    OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
});

app.UseAuthentication();
app.UseAuthorization();

// After authorization, so that a request's bucket is its API key's.
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapConsoleHealth();
app.MapConsoleMetrics();
app.MapApiV1().MapVerificationIntake().MapEntitlements().MapUsageApi();
app.MapUsageHub();
app.MapAccountEndpoints();
app.MapCultureEndpoints();
app.MapRevenueExport();
app.MapUsageHistoryExport();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>The console's entry point; public so that tests can host it.</summary>
public partial class Program;
