"""Whether every line of the given requirements files is installed: exits 0 if so, else 1,
naming on stderr each package that is missing or at another version.

scripts/setup.sh runs it over scripts/requirements.txt and every story's own
stories/<name>/requirements.txt, so a package a story adds is installed on a set-up machine
(checking a few imports by hand missed them). A pinned line (name==version) must be that
version; any other specifier is checked by `packaging` when it is there, else the package
being installed is enough. Only the standard library is needed to run it.
"""

import re
import sys
from importlib import metadata


def unmet(line):
    """Why one requirement line is not met, or None."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("-"):
        return None
    m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$", line)
    if not m:
        return f"{line}: not a requirement this check reads"
    name, spec = m.group(1), m.group(3).split(";", 1)[0].strip()
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        return f"{name}: not installed"
    if spec.startswith("==") and "," not in spec:
        want = spec[2:].strip()
        return None if have == want else f"{name}: {have} installed, {want} required"
    if spec:
        try:
            from packaging.specifiers import InvalidSpecifier, SpecifierSet
        except ImportError:
            return None
        try:
            return None if have in SpecifierSet(spec) else f"{name}: {have} installed, {spec} required"
        except InvalidSpecifier:
            return None  # a line this check cannot judge (name @ url): pip's to read
    return None


def main(paths):
    problems = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            problems += [f"{path}: {p}" for p in map(unmet, f) if p]
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
