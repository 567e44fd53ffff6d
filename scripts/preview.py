#!/usr/bin/env python3
"""`make preview STORY=<name>`: serves one story, rebuilds it when one of its files is saved, and
reloads the page; its problems (the data file's, the page's, labels that collide) are printed
here and shown in the page.

Usage: python3 scripts/preview.py STORY [--dir FOLDER] [--port PORT]

The story is `stories/<STORY>/` (or FOLDER, for the tests). The rest of the site comes from
`dist/`, which `make dist` builds once (the first preview builds it, a few minutes); after that
a save rebuilds this story alone in about a second: `check-data` (every problem, label
collisions included), then the page drawn ahead of time, its compiled story and its data file,
into `dist/stories/<STORY>/`. The page's shared assets keep `dist/`'s fingerprinted names
(asset-manifest.json); the story's own files keep their plain names and are never cached.

The page loads `/__preview.js` (added by scripts/serve.py, LIFELINE_PREVIEW), which asks
`/__preview.json` every half second: a new build reloads the page, and the problems of the
last build are listed over it. A build whose page cannot be drawn keeps the last good one.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fingerprint  # noqa: E402  (the same rewriting of references as `make dist`)

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def cargo(*args):
    """Runs one of the crate's binaries; (succeeded, its messages)."""
    p = subprocess.run(["cargo", "run", "--quiet", "--bin", *args], cwd=ROOT, capture_output=True, text=True)
    lines = [line for line in (p.stdout + p.stderr).splitlines() if line.strip()]
    return p.returncode == 0, lines


def build(folder: Path, name: str, version: int) -> dict:
    """Checks and draws the story into dist/stories/<name>/; the status the page is shown."""
    page, data = folder / "index.html", folder / "data.json"
    out = DIST / "stories" / name
    if not page.is_file() or not data.is_file():
        return {"version": version, "story": name, "problems": [f"{folder}: a story needs index.html and data.json"]}
    checked, said = cargo("check-data", str(data), str(page))
    problems = [] if checked else [line for line in said if "problem(s) found" not in line]
    drawn, said = cargo("prerender", str(page), str(data), str(out))
    if not drawn:
        problems += [line for line in said if line not in problems] or [f"{page}: the page could not be drawn"]
        return {"version": version, "story": name, "problems": problems, "kept": "the last page that could be drawn"}
    shutil.copyfile(data, out / "data.json")
    compiled, said = cargo("compile", str(out / "index.html"), str(out / "data.json"), str(out / "drawn.bin"), "drawn.bin")
    if not compiled:
        problems += said
    # The page names the site's shared assets by their plain names: point it at dist/'s
    # fingerprinted ones (the story's own files keep plain names).
    manifest = json.loads((DIST / "asset-manifest.json").read_text(encoding="utf-8"))
    renamed = {(DIST / old).resolve(): (DIST / new).resolve() for old, new in manifest.items() if not old.startswith(f"stories/{name}/")}
    fingerprint.rewrite(out / "index.html", DIST.resolve(), renamed)
    return {"version": version, "story": name, "problems": problems}


def files(folder: Path):
    """Each file of the story and when it last changed (an editor's temporary file may be gone
    between the listing and the look)."""
    seen = {}
    for p in sorted(folder.rglob("*")):
        try:
            if p.is_file():
                seen[p] = p.stat().st_mtime_ns
        except OSError:
            continue
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("story", nargs="?", default=os.environ.get("STORY", ""))
    ap.add_argument("--dir", help="the story's folder (default stories/STORY)")
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = ap.parse_args()
    if not args.story and not args.dir:
        sys.exit("preview: name a story: make preview STORY=<name> (a folder under stories/)")
    folder = Path(args.dir).resolve() if args.dir else ROOT / "stories" / args.story
    name = args.story or folder.name
    if not name or not folder.is_dir():
        sys.exit(f"preview: no story {name!r}: name a folder under stories/ (make preview STORY=<name>)")
    if not (DIST / "asset-manifest.json").is_file():
        print("preview: building dist/ once (make dist), a few minutes", flush=True)
        env = {**os.environ, "LIFELINE_KEEP_GOING": "1"}
        if subprocess.run(["bash", "scripts/dist.sh"], cwd=ROOT, env=env).returncode != 0:
            sys.exit("preview: dist/ did not build")
    status_file = DIST / "__preview.json"
    version = 1
    status = build(folder, name, version)
    status_file.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    report(status)
    # Stopped by a signal (a test's kill, a terminal closed) as by Ctrl-C: the server goes too.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(0))
    env = {**os.environ, "LIFELINE_PREVIEW": name, "PORT": str(args.port)}
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), str(DIST)], env=env)
    print(f"preview: http://127.0.0.1:{args.port}/stories/{name}/ (saving a file of {folder} rebuilds it; Ctrl-C stops)", flush=True)
    try:
        seen = files(folder)
        while server.poll() is None:
            time.sleep(0.3)
            now = files(folder)
            if now == seen:
                continue
            seen = now
            version += 1
            status = build(folder, name, version)
            status_file.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
            report(status)
    except KeyboardInterrupt:
        pass
    finally:
        # The status is the preview's alone: never left in dist/ to be deployed.
        status_file.unlink(missing_ok=True)
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()


def report(status: dict) -> None:
    """The build's problems in the terminal, as the page lists them."""
    stamp = time.strftime("%H:%M:%S")
    if not status["problems"]:
        print(f"preview {stamp}: stories/{status['story']} built, no problems", flush=True)
        return
    print(f"preview {stamp}: stories/{status['story']}: {len(status['problems'])} problem(s)", flush=True)
    for p in status["problems"]:
        print(f"  {p}", flush=True)


if __name__ == "__main__":
    main()
