#!/usr/bin/env python3
"""Copy check: no shipped playbook or scenario may copy an article.

The default playbooks and scenarios are compiled from the five tip articles in
`../shared/seeds/` (beside the repository). They must be in our own words: this
check fails when a run of MIN_WORDS (10) or more consecutive words of any
article appears in a YAML file under `playbooks/`. Words are compared after
folding case and accents and ignoring punctuation, whitespace, line breaks and
YAML syntax, so a copy split over a folded `>-` block is found too. A
`{placeholder}` breaks a run.

Exempt are the example sentences an article puts in quotation marks for the
reader to say ("Ik begrijp hoe vervelend dit voor u moet zijn"): a run that
lies wholly inside one quoted passage may be used as it is. A quotation never
spans a line break, so an unbalanced quote mark cannot exempt the rest of an
article.

Usage:
  .ci/copycheck.py [--seeds DIR] [--min-words N] [PATH ...]
  .ci/copycheck.py --self-test

PATH is a YAML file or a directory searched recursively for *.yaml; the
default is `playbooks/`. The articles are the *.txt files in DIR; the default
is $CALLCOACH_SEEDS, else `../shared/seeds` relative to the repository root.
Their short ids (`zes-stappen`, ...) are read from DIR/README.md when present.

Exit status: 0 no copies, 1 copies found, 2 the articles or files could not be
read (a missing seeds directory fails; it never passes silently).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MIN_WORDS = 10
REPO = Path(__file__).resolve().parent.parent

# Opening quote mark -> the marks that may close it.
QUOTES = {
    "\u201c": "\u201d\u201c",  # “ … ” (or “ … “)
    "\u201e": "\u201d\u201c",  # „ … ”
    '"': '"',
    "\u2018": "\u2019",  # ‘ … ’
    "\u00ab": "\u00bb",  # « … »
}
WORD = re.compile(r"[^\W_]+")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def fold(word: str) -> str:
    """Lower case without accents: `Één` -> `een`."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Unreadable(Exception):
    """The articles or the files to check cannot be read: exit status 2."""


@dataclass
class Word:
    text: str  # folded
    start: int  # offset in the source text
    end: int
    line: int
    quote: int  # id of the quoted passage it stands in, or -1


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, never crossing a line break.

    A right single quote between two letters (ZZP’er, zo’n) is an apostrophe,
    not a closing mark; an opening mark that is not closed on its line quotes
    nothing."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line, base, i = m.group(), m.start(), 0
        while i < len(line):
            closers = QUOTES.get(line[i])
            if closers is None:
                i += 1
                continue
            j = i + 1
            while j < len(line):
                c = line[j]
                if c in closers:
                    apostrophe = (
                        c == "\u2019"
                        and j + 1 < len(line)
                        and line[j - 1].isalpha()
                        and line[j + 1].isalpha()
                    )
                    if not apostrophe:
                        break
                j += 1
            if j < len(line):
                spans.append((base + i + 1, base + j))
                i = j + 1
            else:
                i += 1
    return spans


def words(text: str, with_quotes: bool = False) -> list[Word | None]:
    """The words of a text, folded; None where a placeholder breaks a run."""
    spans = quoted_spans(text) if with_quotes else []
    breaks = [m.span() for m in PLACEHOLDER.finditer(text)]
    out: list[Word | None] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line = 0
    b = 0
    for m in WORD.finditer(text):
        while b < len(breaks) and breaks[b][1] <= m.start():
            out.append(None)
            b += 1
        if b < len(breaks) and breaks[b][0] <= m.start() < breaks[b][1]:
            continue  # the placeholder's own name
        while line + 1 < len(line_starts) and line_starts[line + 1] <= m.start():
            line += 1
        quote = next(
            (k for k, (s, e) in enumerate(spans) if s <= m.start() and m.end() <= e),
            -1,
        )
        out.append(Word(fold(m.group()), m.start(), m.end(), line + 1, quote))
    return out


@dataclass
class Article:
    id: str
    path: Path
    text: str
    words: list[Word]


def article_ids(seeds: Path) -> dict[str, str]:
    """File name -> short id, from the index's `| `id` | file | …` table."""
    index = seeds / "README.md"
    ids: dict[str, str] = {}
    if index.is_file():
        for m in re.finditer(
            r"^\|\s*`([a-z0-9-]+)`\s*\|\s*([^|\s]+)\s*\|",
            index.read_text(encoding="utf-8"),
            re.M,
        ):
            ids[m.group(2)] = m.group(1)
    return ids


def load_articles(seeds: Path) -> list[Article]:
    if not seeds.is_dir():
        raise Unreadable(
            f"the articles directory {seeds} does not exist.\n"
            "The copy check compares the playbooks with the five tip articles; it\n"
            "expects them in ../shared/seeds/ beside the repository. Point it\n"
            "elsewhere with --seeds DIR or CALLCOACH_SEEDS=DIR."
        )
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise Unreadable(f"no articles (*.txt) in {seeds}")
    ids = article_ids(seeds)
    out = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        ws = [w for w in words(text, with_quotes=True) if w is not None]
        out.append(Article(ids.get(f.name, f.stem), f, text, ws))
    return out


@dataclass
class Copy:
    file: Path
    line: int
    end_line: int
    count: int
    article: Article
    start: int  # index of the first copied word in the article
    copied: str  # the file's text of the run


Index = dict[tuple[str, ...], list[tuple[Article, int]]]


def windows(articles: list[Article], n: int) -> Index:
    """Every n-word window of every article, with where it starts."""
    index: Index = {}
    for a in articles:
        for i in range(len(a.words) - n + 1):
            key = tuple(w.text for w in a.words[i : i + n])
            index.setdefault(key, []).append((a, i))
    return index


def citation_lines(text: str) -> set[int]:
    """Lines holding a source's `title:` in the top-level `sources:` list: the
    published title of the article cited, which is a reference, not content."""
    lines, inside = set(), False
    for no, line in enumerate(text.splitlines(), 1):
        if line[:1].strip() and not line.startswith(("#", "-")):
            inside = line.startswith("sources:")
        elif inside and re.match(r"\s+(-\s+)?title:", line):
            lines.add(no)
    return lines


def find_copies(path: Path, index: Index, n: int) -> list[Copy]:
    text = path.read_text(encoding="utf-8")
    ws = words(text)
    cites = citation_lines(text)
    copies: list[Copy] = []
    covered_until = -1  # windows inside an already reported run are skipped
    for i in range(len(ws) - n + 1):
        window = ws[i : i + n]
        if i < covered_until or any(w is None for w in window):
            continue
        key = tuple(w.text for w in window)  # type: ignore[union-attr]
        for a, j in index.get(key, []):
            # Extend the run as far as file and article keep agreeing.
            k = n
            while (
                i + k < len(ws)
                and j + k < len(a.words)
                and ws[i + k] is not None
                and ws[i + k].text == a.words[j + k].text  # type: ignore[union-attr]
            ):
                k += 1
            run = a.words[j : j + k]
            q = run[0].quote
            if q >= 0 and all(w.quote == q for w in run):
                continue  # an example sentence the article offers to say
            first, last = ws[i], ws[i + k - 1]
            if first.line == last.line and first.line in cites:  # type: ignore[union-attr]
                continue  # the cited article's title
            copies.append(
                Copy(path, first.line, last.line, k, a, j, text[first.start : last.end])  # type: ignore[union-attr]
            )
            covered_until = i + k
            break
    return copies


def yaml_files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(p.rglob("*.yaml")) + sorted(p.rglob("*.yml")))
        elif p.is_file():
            out.append(p)
        else:
            raise Unreadable(f"{p} does not exist")
    if not out:
        raise Unreadable("no YAML files to check")
    return out


def one_line(s: str) -> str:
    return " ".join(s.split())


def check(paths: list[Path], seeds: Path, n: int, out=sys.stdout) -> int:
    articles = load_articles(seeds)
    files = yaml_files(paths)
    index = windows(articles, n)
    copies = [c for f in files for c in find_copies(f, index, n)]
    for c in copies:
        a = c.article
        first, last = a.words[c.start], a.words[c.start + c.count - 1]
        try:
            shown = c.file.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = c.file
        lines = f"{c.line}" if c.line == c.end_line else f"{c.line}-{c.end_line}"
        print(
            f"{shown}:{lines}: {c.count} consecutive words copied from "
            f"`{a.id}` ({a.path.name}, line {first.line}):\n"
            f"    playbook: {one_line(c.copied)}\n"
            f"    article:  {one_line(a.text[first.start : last.end])}",
            file=out,
        )
    if copies:
        print(
            f"copycheck: {len(copies)} passage(s) of {n} or more words copied from "
            "the articles; rewrite them in our own words (quoted example "
            "sentences may stay).",
            file=out,
        )
        return 1
    print(
        f"copycheck: {len(files)} files checked against {len(articles)} articles: "
        f"no run of {n} words copied.",
        file=out,
    )
    return 0


def self_test() -> int:
    """Shows the check can fail: a planted copy is caught, an example sentence
    in quotes and a 9-word run are not, a missing seeds directory fails."""
    import io

    article = (
        "Een titel\n"
        "Luister eerst goed naar de klant en laat hem rustig zijn hele verhaal doen.\n"
        "Zeg bijvoorbeeld: \u201cIk begrijp heel goed hoe vervelend dit voor u moet zijn, echt waar.\u201d\n"
        "Dat is het zo\u2019n beetje.\n"
    )
    cases = [
        # (name, yaml, expected exit status)
        (
            "planted copy over a folded line, other case and punctuation",
            "tip: >-\n  Luister EERST goed naar de klant, en laat\n  hem rustig zijn hele verhaal!\n",
            1,
        ),
        (
            "quoted example sentence used as it is",
            'text: "Ik begrijp heel goed hoe vervelend dit voor u moet zijn, echt waar."\n',
            0,
        ),
        (
            "quoted sentence plus the article's words around it",
            "text: Zeg bijvoorbeeld ik begrijp heel goed hoe vervelend dit voor u\n",
            1,
        ),
        (
            "an article's title cited in sources, but not elsewhere",
            "sources:\n  - id: test-artikel\n    title: Luister eerst goed naar de klant en laat hem rustig\n"
            "stages:\n  title: Luister eerst goed naar de klant en laat hem rustig\n",
            1,
        ),
        (
            "an article's title cited in sources",
            "sources:\n  - id: test-artikel\n    title: Luister eerst goed naar de klant en laat hem rustig\n",
            0,
        ),
        ("nine words", "text: Luister eerst goed naar de klant en laat hem.\n", 0),
        (
            "a placeholder breaks a run",
            "text: Luister eerst goed naar de klant, {customer}, en laat hem rustig zijn hele verhaal doen.\n",
            0,
        ),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp, "seeds")
        seeds.mkdir()
        (seeds / "000_test.txt").write_text(article, encoding="utf-8")
        (seeds / "README.md").write_text(
            "| id | file |\n|---|---|\n| `test-artikel` | 000_test.txt |\n",
            encoding="utf-8",
        )
        for k, (name, yaml, want) in enumerate(cases):
            f = Path(tmp, f"case{k}.yaml")
            f.write_text(yaml, encoding="utf-8")
            buf = io.StringIO()
            got = check([f], seeds, MIN_WORDS, out=buf)
            ok = got == want and (want == 0 or "`test-artikel`" in buf.getvalue())
            print(f"self-test: {'ok  ' if ok else 'FAIL'} {name} (exit {got}, want {want})")
            if not ok:
                print(buf.getvalue())
                failures += 1
        try:
            check([Path(tmp, "case0.yaml")], Path(tmp, "missing"), MIN_WORDS, out=io.StringIO())
            print("self-test: FAIL a missing seeds directory passed")
            failures += 1
        except Unreadable as e:
            ok = "does not exist" in str(e)
            print(f"self-test: {'ok  ' if ok else 'FAIL'} a missing seeds directory fails")
            failures += not ok
    return 1 if failures else 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description="Fail when a playbook or scenario copies 10+ consecutive words of an article."
    )
    ap.add_argument("paths", nargs="*", type=Path, help="YAML files or directories (default: playbooks/)")
    ap.add_argument("--seeds", type=Path, help="the articles directory (default: ../shared/seeds)")
    ap.add_argument("--min-words", type=int, default=MIN_WORDS, help="shortest run that counts (default: 10)")
    ap.add_argument("--self-test", action="store_true", help="show that the check catches a planted copy")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if args.min_words < 2:
        ap.error("--min-words must be at least 2")
    seeds = args.seeds or Path(os.environ.get("CALLCOACH_SEEDS") or REPO.parent / "shared" / "seeds")
    paths = args.paths or [REPO / "playbooks"]
    try:
        return check(paths, seeds, args.min_words)
    except (Unreadable, OSError, UnicodeDecodeError) as e:
        print(f"copycheck: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
