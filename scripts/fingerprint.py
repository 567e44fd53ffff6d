#!/usr/bin/env python3
"""Gives dist/'s assets content-hashed names, so a CDN may cache them for a year.

Usage: python3 scripts/fingerprint.py dist

`www/style.css` becomes `www/style-<hash>.css`, and so on for the scripts, the wasm, the data
and the pre-drawn charts. Every reference to a renamed file is rewritten first, in the files
that name it (a file is hashed after the files it names, so a changed wasm or data file changes
the name of the bundled main.js that loads it). The entry points keep their
names: `index.html`, and `www/embed.js` and `www/frame.js`, which host pages link to. Those
three are short-lived; docs/deploying.md says which headers to send.

References are rewritten only where a URL is written: `src`, `href` and `srcset` in HTML,
`new URL('…'`, `import … from '…'` and `import('…')` in JavaScript. A plain string such as
the data file's name in error messages stays as the editor knows it. (`make dist` has bundled
the scripts with esbuild by then; esbuild keeps `new URL('…', import.meta.url)` as written.)
Each story of `stories/` is an entry point too (`stories/<name>/index.html`), with its data
file and charts hashed like the main one's; its `data-src` is rewritten with the `src`s (the
pattern finds `src="` inside `data-src="`). The map from old to new names is written to
`asset-manifest.json` for the tests and the benchmark.

Hand-written rather than a bundler because the output must stay plain ES modules with
relative URLs (the page is copied to any path of any server), and the rules fit on a page.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

# Hashed, leaves first: a file comes after every file it refers to.
HASHED = [
    "pkg/lifeline_bg.wasm",
    "pkg/lifeline.js",
    "pkg-reader/reader_bg.wasm",
    "www/data/lifeline.json",
    "www/data/lifeline.*.json",
    "stories/*/data.json",
    "www/data/*.drawn.bin",
    "stories/*/drawn.bin",
    "www/charts/*.csv",
    "stories/*/www/charts/*.csv",
    "[a-z][a-z]/www/charts/*.csv",
    "www/style.css",
    "www/charts/*.svg",
    "stories/*/www/charts/*.svg",
    "[a-z][a-z]/www/charts/*.svg",
    "www/main.js",
]
# Rewritten, not renamed.
ENTRIES = ["index.html", "[a-z][a-z]/index.html", "stories/*/index.html", "www/embed.js", "embed-demo/*.html"]

HTML_REF = re.compile(r"""(\b(?:src|href|srcset)=")([^"#?]+)(")""")
JS_REF = re.compile(r"""((?:new URL\(|\bfrom ?|\bimport\()\s*['"])([^'"#?]+)(['"])""")


def hashed_name(path: Path, digest: str) -> Path:
    return path.with_name(f"{path.stem}-{digest}{path.suffix}")


def rewrite(file: Path, root: Path, renamed: dict) -> None:
    """Points every URL in `file` that names a renamed file at its new name."""
    pattern = HTML_REF if file.suffix == ".html" else JS_REF
    text = file.read_text(encoding="utf-8")

    def swap(m: re.Match) -> str:
        ref = m.group(2)
        # A reference may be relative to the file (most) or to the site's root (embed.js
        # resolves against the folder above it): whichever names a renamed file.
        for base in (file.parent, root):
            target = (base / ref).resolve()
            if target in renamed:
                new_ref = ref[: len(ref) - len(target.name)] + renamed[target].name
                return m.group(1) + new_ref + m.group(3)
        return m.group(0)

    new = pattern.sub(swap, text)
    if new != text:
        file.write_text(new, encoding="utf-8")


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "dist").resolve()
    renamed: dict[Path, Path] = {}
    for pattern in HASHED:
        for f in sorted(root.glob(pattern)):
            if f.suffix in (".js", ".html"):
                rewrite(f, root, renamed)
            digest = hashlib.sha256(f.read_bytes()).hexdigest()[:10]
            new = hashed_name(f, digest)
            f.rename(new)
            renamed[f.resolve()] = new.resolve()
    for pattern in ENTRIES:
        for f in sorted(root.glob(pattern)):
            rewrite(f, root, renamed)
    manifest = {str(old.relative_to(root)): str(new.relative_to(root)) for old, new in renamed.items()}
    (root / "asset-manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
