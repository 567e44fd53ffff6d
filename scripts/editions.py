#!/usr/bin/env python3
"""Splits a story's data file into one file per edition, for dist/.

Usage: python3 scripts/editions.py www/data/lifeline.json dist/www/data

The data file in the repository holds the story and, under `editions`, its words in each other
language (see docs/engine.md). A reader of one edition needs only that edition's words, so
`make dist` writes `lifeline.json` without `editions` (the page in the file's own language) and
`lifeline.<lang>.json` with only `editions.<lang>` (the page in <lang>/ is pointed at it by
scripts/dist.sh). Everything else, figures included, is the same in each file, so the editions
cannot drift apart. Written without indentation: whitespace is bytes every reader downloads
(the repository's file stays indented for people to read and diff). The record of events
(`events`) is left out: only the build reads it.
"""
import json
import sys
from pathlib import Path


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    data = json.loads(source.read_text(encoding="utf-8"))
    editions = data.pop("editions", {}) or {}
    # The record of events and their reports is the build's (the Sources list it fills, the
    # checks of dates): the browser never reads it, so no reader downloads it.
    data.pop("events", None)
    out.mkdir(parents=True, exist_ok=True)

    def write(name: str, value: dict) -> None:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
        (out / name).write_text(text, encoding="utf-8")

    write(source.name, data)
    for lang, edition in editions.items():
        write(f"{source.stem}.{lang}{source.suffix}", {**data, "editions": {lang: edition}})
    print(f"editions: {source.name} and {len(editions)} edition file(s) ({', '.join(editions) or 'none'}) in {out}")


if __name__ == "__main__":
    main()
