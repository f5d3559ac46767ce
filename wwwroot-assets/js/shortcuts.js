// Single-key shortcuts of the request detail page (a, r, i, e, n, ?). Keys typed into a field or while a
// dialog is open are left alone, so notes and messages can contain these letters.
export function register(dotnet, keys) {
    const handler = (event) => {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        const target = event.target;
        const tag = target && target.tagName;
        if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) {
            return;
        }
        if (document.querySelector('.mud-dialog-container')) {
            return;
        }
        if (keys.includes(event.key)) {
            event.preventDefault();
            dotnet.invokeMethodAsync('OnShortcutAsync', event.key);
        }
    };
    document.addEventListener('keydown', handler);
    return {
        dispose: () => document.removeEventListener('keydown', handler),
    };
}
