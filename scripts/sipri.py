"""Reading SIPRI's files (see ../shared/data/PROVENANCE.md), shared by every story's derivation
script: the trade register exports (A3), their dates, and a row's TIV."""
import csv
import datetime
import re
import sys


def read_trade_register(path):
    """A SIPRI trade register export (PROVENANCE A3): its rows, and the date it was generated."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID"))
    except StopIteration:
        sys.exit(f"{path}: no header line starting 'SIPRI AT Database ID'")
    generated = None
    for line in lines[:start]:
        g = re.search(r"Data generated:\s*(\d{1,2} \w+ \d{4})", line)
        if g:
            generated = g.group(1)
    if not generated:
        sys.exit(f"{path}: no 'Data generated:' line before the header")
    body = [line.removesuffix(";") for line in lines[start:]]
    return list(csv.DictReader(body)), generated


def month_year(date):
    """'12 Feb 2026' or '28 July 2022' -> 'February 2026' / 'July 2022'."""
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(date, fmt).strftime("%B %Y")
        except ValueError:
            pass
    sys.exit(f"cannot read the date {date!r}")


def tiv(r):
    """The TIV (millions) a register row delivered in its delivery year."""
    return float(r["TIV delivery values"] or 0)
