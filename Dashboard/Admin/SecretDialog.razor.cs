using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Admin;

/// <summary>Shows a generated password or API key the one time it exists in clear text, with a copy button.</summary>
public partial class SecretDialog
{
    private bool _copied;
    private bool _copyFailed;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [CascadingParameter]
    private IMudDialogInstance? Dialog { get; set; }

    [Parameter, EditorRequired]
    public required string Secret { get; set; }

    [Parameter]
    public string Intro { get; set; } = "";

    [Parameter]
    public string? Note { get; set; }

    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, string intro, string secret, string? note = null)
    {
        var parameters = new DialogParameters<SecretDialog>
        {
            { d => d.Secret, secret },
            { d => d.Intro, intro },
        };
        if (note is not null)
        {
            parameters.Add(d => d.Note, note);
        }

        return dialogs.ShowAsync<SecretDialog>(title, parameters, DialogDefaults.Secret);
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Secret);
            _copied = true;
            _copyFailed = false;
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context and the user's permission; the secret stays on screen to copy by hand.
            _copyFailed = true;
        }
    }

    private void Done() => Dialog?.Close();
}
