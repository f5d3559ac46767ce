// The wall display: Esc leaves it (unless the browser is in full screen, where Esc first ends full screen),
// and a button asks the browser for full screen, which only a click may do.
// The way out is a path relative to the page's base; Blazor's router takes it as it takes a click on a link.
export function onEscape(exitPath) {
    const handler = (event) => {
        if (event.key === 'Escape' && !document.fullscreenElement && !event.defaultPrevented) {
            window.Blazor.navigateTo(exitPath);
        }
    };
    document.addEventListener('keydown', handler);
    return {
        dispose: () => document.removeEventListener('keydown', handler),
    };
}

export async function toggleFullScreen() {
    if (document.fullscreenElement) {
        await document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
        await document.documentElement.requestFullscreen();
    }
}
