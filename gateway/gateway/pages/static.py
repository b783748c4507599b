"""The portal's own scripts and styles (gateway/static): the only scripts the
Content-Security-Policy lets a page run (script-src 'self'). Every page works without them;
they add a progress bar to uploads and live updates to the board."""
from importlib import resources

from werkzeug.wrappers import Response

from weiquan.kit.errors import AppError

TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".svg": "image/svg+xml"}


def _files():
    root = resources.files("gateway") / "static"
    if not root.is_dir():
        return {}
    return {entry.name: entry for entry in root.iterdir()
            if entry.is_file() and any(entry.name.endswith(s) for s in TYPES)}


FILES = _files()


def static_file(ctx, name):
    entry = FILES.get(name)
    if entry is None:
        raise AppError("not_found", "页面不存在", "No such page", status=404)
    kind = next(t for suffix, t in TYPES.items() if name.endswith(suffix))
    return Response(entry.read_bytes(), mimetype=None, content_type=kind, headers={
        "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"})
