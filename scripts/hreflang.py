#!/usr/bin/env python3
"""Makes each built edition's language links absolute, and adds x-default.

Usage: BASE_URL=https://example.org/lifeline/ python3 scripts/hreflang.py dist

Search engines want `<link rel="alternate" hreflang>` URLs absolute, and an `x-default` for
readers of any other language (the English page). Where the explainer will be published is
known only at deployment: `make dist BASE_URL=…` (see docs/deploying.md) gives it. Without
it the links stay relative, which browsers follow but search engines may ignore; the build says so.
"""
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

LINK = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def main() -> None:
    dist = Path(sys.argv[1])
    base = os.environ.get("BASE_URL", "").strip()
    if base and not re.match(r"^https?://[^/\s\"'<>]+(/[^\s\"'<>]*)?$", base):
        sys.exit(f"hreflang: BASE_URL must be an http(s) address, not {base!r}")
    if base and not base.endswith("/"):
        base += "/"
    pages = [p for p in dist.rglob("index.html") if "embed-demo" not in p.parts]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = LINK.findall(html)
        if not links:
            continue
        if any(re.match(r"^[a-z]+:", href) for _, href in links):
            sys.exit(f"hreflang: {page} already has absolute language links; run it on a fresh `make dist`")
        here = page.relative_to(dist).as_posix()
        # Each link's target, relative to dist/ ("index.html", "es/index.html").
        targets = {lang: os.path.normpath(os.path.join(os.path.dirname(here), href)).replace(os.sep, "/") for lang, href in links}
        default = targets.get("en") or next(iter(targets.values()))
        def url(target: str, here: str = here) -> str:
            if base:
                return urljoin(base, target)
            return os.path.relpath(target, os.path.dirname(here) or ".").replace(os.sep, "/")
        lines = [f'<link rel="alternate" hreflang="{lang}" href="{url(t)}">' for lang, t in targets.items() if lang != "x-default"]
        lines.append(f'<link rel="alternate" hreflang="x-default" href="{url(default)}">')
        first = html.index(LINK.search(html).group(0))
        html = LINK.sub("", html)
        html = html[:first] + "\n".join(lines) + html[first:]
        html = re.sub(r"\n\s*\n(?=<link rel=\"alternate\")", "\n", html)
        html = re.sub(r"(<link rel=\"alternate\" hreflang=\"x-default\"[^>]*>)\n\s*\n", r"\1\n", html)
        page.write_text(html, encoding="utf-8")
    if not base:
        print("hreflang: BASE_URL is not set, so the language links stay relative (set it when deploying)")


if __name__ == "__main__":
    main()
