#!/usr/bin/env python3
"""Makes each built page shareable at the address it is published at.

Usage: BASE_URL=https://example.org/lifeline/ python3 scripts/share.py dist

The build (`prerender`, see src/share.rs) gives each page its link-preview tags, its article
record (JSON-LD) and its picture (`social.png` beside it), with relative addresses. Networks
and CMSs need absolute ones, known only at deployment (`make dist BASE_URL=…`). With BASE_URL,
each page gets:

- `<link rel="canonical">` and `og:url`: its own address;
- `og:image` and `twitter:image`, and the record's `image`, `url` and `mainEntityOfPage`, absolute;
- an oEmbed file beside it (`oembed.json`: the iframe and frame.js, its title, authors,
  picture) and the discovery link to it, so a CMS that accepts oEmbed embeds a pasted link.

Without BASE_URL it changes nothing and says so. Run it once, on a fresh `make dist` (or a copy
of one, as tests/wordpress/ does for the address it serves the copy at).
"""
import html
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

LD = re.compile(r'(<script type="application/ld\+json" data-article>)(.*?)(</script>)', re.S)
IMAGE = re.compile(r'(<meta (?:property="og:image"|name="twitter:image") content=")([^"]*)(")')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HEIGHT = 800  # the iframe's height before frame.js sizes it to its content


def base_url() -> str:
    base = os.environ.get("BASE_URL", "").strip()
    if base and not re.match(r"^https?://[^/\s\"'<>]+(/[^\s\"'<>]*)?$", base):
        sys.exit(f"share: BASE_URL must be an http(s) address, not {base!r}")
    return base if not base or base.endswith("/") else base + "/"


def oembed(page_url: str, base: str, title: str, record: dict, size: tuple) -> dict:
    """The oEmbed answer for a page: rich, an iframe sized by frame.js."""
    authors = record.get("author", [])
    authors = authors if isinstance(authors, list) else [authors]
    src = html.escape(page_url + "?embed=1", quote=True)
    frame = (f'<iframe src="{src}" title="{html.escape(title, quote=True)}" class="lifeline-frame" '
             f'width="100%" height="{HEIGHT}" style="border:0"></iframe>'
             f'<script async src="{html.escape(urljoin(base, "www/frame.js"), quote=True)}"></script>')
    return {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "author_name": ", ".join(a.get("name", "") for a in authors if isinstance(a, dict)),
        "provider_name": record.get("publisher", {}).get("name", ""),
        "provider_url": base,
        "html": frame,
        "width": 720,
        "height": HEIGHT,
        "thumbnail_url": urljoin(page_url, "social.png"),
        "thumbnail_width": size[0],
        "thumbnail_height": size[1],
        "cache_age": 86400,
    }


def share(page: Path, dist: Path, base: str) -> None:
    text = page.read_text(encoding="utf-8")
    ld = LD.search(text)
    if not ld:
        return  # a host page or a demo, not a story's page
    if any(re.match(r"^[a-z]+:", m.group(2)) for m in IMAGE.finditer(text)):
        sys.exit(f"share: {page} already has absolute addresses; run it on a fresh `make dist`")
    url = urljoin(base, page.relative_to(dist).as_posix())
    record = json.loads(ld.group(2))
    record["url"] = url
    record["mainEntityOfPage"] = url
    record["image"] = urljoin(url, record.get("image", "social.png"))
    body = json.dumps(record, ensure_ascii=False, indent=2).replace("<", "\\u003c")  # no `<` in a script's text
    text = text[:ld.start(2)] + "\n" + body + "\n" + text[ld.end(2):]
    text = IMAGE.sub(lambda m: m.group(1) + html.escape(urljoin(url, html.unescape(m.group(2))), quote=True) + m.group(3), text)
    title = html.unescape(TITLE.search(text).group(1).strip())
    # The picture's size as the build wrote it (src/share.rs, IMAGE).
    size = tuple(int(re.search(rf'<meta property="og:image:{k}" content="(\d+)">', text).group(1)) for k in ("width", "height"))
    (page.parent / "oembed.json").write_text(json.dumps(oembed(url, base, title, record, size), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    links = (f'<link rel="canonical" href="{esc(url)}">\n'
             f'<meta property="og:url" content="{esc(url)}">\n'
             f'<link rel="alternate" type="application/json+oembed" href="{esc(urljoin(url, "oembed.json"))}" title="{esc(title)}">\n')
    text = text.replace("</head>", links + "</head>", 1)
    page.write_text(text, encoding="utf-8")


def main() -> None:
    dist = Path(sys.argv[1])
    base = base_url()
    if not base:
        print("share: BASE_URL is not set, so no canonical address or oEmbed file, and the link's picture has a relative address (set it when deploying)")
        return
    for page in sorted(dist.rglob("index.html")):
        if "embed-demo" not in page.parts:
            share(page, dist, base)


if __name__ == "__main__":
    main()
