// The editor speaks the browser's language; COOPSOC's staff work in French whatever their
// browser says, so the editor is told the browser prefers French. Imported first: the
// editor reads these when its module loads.
Object.defineProperty(navigator, 'languages', { get: () => ['fr-FR', 'fr'] });
Object.defineProperty(navigator, 'language', { get: () => 'fr-FR' });
