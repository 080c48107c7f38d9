"""Replays the reproductions of issue 13 (items 2-6) against an annotator checkout.

    python scripts/adversarial_repro.py [SRC_DIR]

Runs ``python -m annotator`` from SRC_DIR (default: this checkout) in fresh temporary
folders and prints one line per case: ``ok`` when annotator behaves as the issue asks,
``BAD`` with what happened otherwise, then the count of each. Run it on an older commit
(``git archive COMMIT | tar -x -C /tmp/base``) for the "before" figures.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SRC = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]).resolve()
ARTICLE = (
    "# Walking and health\n\n"
    "A 2019 trial of 1,200 adults found that walking 30 minutes a day cut blood pressure "
    "by 12%. Researchers at Example University reported the result in The Lancet.\n\n"
    "Coffee drinkers were 15% less likely to develop the disease, a cohort study showed.\n"
)
BIG = 2**63
ESC_TEXT = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
# Enough ordinary text around the escapes that they are a small share of it.
FILLER = "\n\nThe rest of the article is ordinary prose about daily habits and health." * 20


def run(
    tmp: Path, *args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "ANNOTATOR_CONFIG": str(tmp / "config.toml"),
        "ANNOTATOR_REVIEWER": "ann",
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        **(env or {}),
    }
    full_env.pop("ANNOTATOR_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        cwd=tmp,
        timeout=120,
    )


def one_line_error(p: subprocess.CompletedProcess[bytes]) -> str | None:
    """None when ``p`` failed with one ``Error:`` line and no traceback; else what it did."""
    err = p.stderr.decode("utf-8", "replace")
    if "Traceback" in err:
        return "traceback: " + err.strip().splitlines()[-1][:100]
    if p.returncode == 0:
        return "accepted (exit 0)"
    if not err.startswith("Error:") and "Error:" not in err:
        return f"exit {p.returncode}: {err.strip()[:100]}"
    return None


def new_db(tmp: Path, text: str = ARTICLE, name: str = "a.db") -> Path:
    db = tmp / name
    (tmp / "art.md").write_text(text, encoding="utf-8")
    p = run(tmp, "--db", str(db), "import", str(tmp / "art.md"))
    assert p.returncode == 0, p.stderr.decode()
    return db


def readonly_folder(tmp: Path) -> Path:
    """A folder nobody may write to: chmod 555, or /sys when running as root."""
    ro = tmp / "ro"
    ro.mkdir(exist_ok=True)
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return Path("/sys") if os.geteuid() == 0 else ro


def dump(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


CASES: list[tuple[str, str, Callable[[Path], str | None]]] = []


def case(group: str, name: str) -> Callable[[Callable[[Path], str | None]], None]:
    def register(fn: Callable[[Path], str | None]) -> None:
        CASES.append((group, name, fn))

    return register


# -- 2. text is data on the terminal ---------------------------------------------------


def _escapes(out: bytes) -> bool:
    return any(c in out for c in (b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x9d"))


def _with_escapes(text: str) -> str:
    return (
        text.replace("Walking and", f"Walking {ESC_TEXT} and")
        .replace("blood pressure", f"blood {ESC_TEXT}pressure")
        .replace("15%", f"15%{ESC_TEXT}")
    )


@case("2 escapes", "ESC/OSC in an article: claims")
def _(tmp: Path) -> str | None:
    db = new_db(tmp, _with_escapes(ARTICLE) + FILLER)
    out = (
        run(tmp, "--db", str(db), "claims", "1").stdout
        + run(tmp, "--db", str(db), "articles").stdout
    )
    return "escape reached stdout" if _escapes(out) else None


@case("2 escapes", "&#x1b; entities in an HTML article: claims")
def _(tmp: Path) -> str | None:
    html = (
        "<html><head><title>T&#x1b;]0;x&#x7;</title></head><body><p>"
        + ARTICLE.replace("A 2019 trial", "A 2019 &#x1b;]0;pwned&#x7;&#x1b;[2Jtrial")
        + FILLER
        + "</p></body></html>"
    )
    (tmp / "a.html").write_text(html, encoding="utf-8")
    db = tmp / "a.db"
    run(tmp, "--db", str(db), "import", str(tmp / "a.html"))
    out = (
        run(tmp, "--db", str(db), "claims", "1").stdout
        + run(tmp, "--db", str(db), "articles").stdout
    )
    return "escape reached stdout" if _escapes(out) else None


@case("2 escapes", "ESC in a citation library: cite list / search / show")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    (tmp / "lib.json").write_text(
        json.dumps(
            [
                {
                    "id": "x",
                    "type": "article-journal",
                    "title": f"Walking {ESC_TEXT} study",
                    "author": [{"family": f"Smith{ESC_TEXT}"}],
                    "issued": {"date-parts": [[2019]]},
                }
            ]
        ),
        encoding="utf-8",
    )
    run(tmp, "--db", str(db), "cite", "add", "--csl-json", str(tmp / "lib.json"))
    out = b"".join(
        run(tmp, "--db", str(db), *a).stdout
        for a in (("cite", "list"), ("cite", "search", "walking"), ("cite", "show", "1"))
    )
    return "escape reached stdout" if _escapes(out) else None


@case("2 escapes", "ESC in a reviewer name: history")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    run(tmp, "--db", str(db), "--reviewer", f"eve{ESC_TEXT}", "grade", "1", "--verdict", "mixed")
    out = run(tmp, "--db", str(db), "history", "1").stdout
    return "escape reached stdout" if _escapes(out) else None


@case("2 escapes", "--json keeps the exact text")
def _(tmp: Path) -> str | None:
    db = new_db(tmp, _with_escapes(ARTICLE) + FILLER)
    out = json.loads(run(tmp, "--db", str(db), "claims", "1", "--json").stdout)
    return None if any(ESC_TEXT in c["text"] for c in out) else "escape lost from JSON"


# -- 3. many processes -------------------------------------------------------------------


def _parallel(tmp: Path, n: int, *args: str) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "ANNOTATOR_CONFIG": str(tmp / "c.toml")}
    env.pop("ANNOTATOR_DB", None)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys,time,pathlib\n"
                "from annotator.cli import cli\n"
                f"go=pathlib.Path({str(tmp / 'go')!r})\n"
                "while not go.exists(): time.sleep(0.002)\n"
                "cli.main(sys.argv[1:], prog_name='annotator')\n",
                *args,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(n)
    ]
    time.sleep(2.5)
    (tmp / "go").touch()
    for p in procs:
        p.communicate(timeout=120)
    return procs


@case("3 processes", "4 processes import the same file at once")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    copies = []
    for round_ in range(3):
        (tmp / "go").unlink(missing_ok=True)
        article = tmp / f"b{round_}.md"  # a new file each round (the same one is a new version)
        # Long enough that proposing claims takes a while: the window of the race.
        body = ARTICLE * 40 + f"\nOne more line of {round_}% text.\n"
        article.write_text(body, encoding="utf-8")
        _parallel(tmp, 4, "--db", str(db), "import", str(article))
        conn = sqlite3.connect(db)
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        copies.append(total - 1 - sum(copies))
        conn.close()
    extra = [c for c in copies if c != 1]
    return f"copies per round of 4 imports: {copies}" if extra else None


@case("3 processes", "6 processes open a new database at once")
def _(tmp: Path) -> str | None:
    failed = 0
    for round_ in range(3):
        (tmp / "go").unlink(missing_ok=True)
        procs = _parallel(tmp, 6, "--db", str(tmp / f"new{round_}.db"), "articles")
        failed += sum(1 for p in procs if p.returncode != 0)
    return f"{failed} of 18 failed (3 rounds of 6)" if failed else None


def _big_other(tmp: Path, articles: int) -> Path:
    code = (
        "import sys\n"
        "from annotator.store import Store\n"
        "from annotator.text.proposer import propose_claims\n"
        "s = Store.open(sys.argv[1])\n"
        f"for i in range({articles}):\n"
        "    t = f'Article {i}: a trial of {i + 100} adults cut blood pressure by {i % 50 + 1}%.'\n"
        "    p = propose_claims(t, threshold=0)\n"
        "    a = s.import_article(t, title=f't{i}', reviewer='bob', proposals=p)\n"
        "    for c in s.claims(a.id):\n"
        "        s.grade_claim(c.id, 'mixed', reviewer='bob')\n"
        "s.close()\n"
    )
    other = tmp / "other.db"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run([sys.executable, "-c", code, str(other)], env=env, check=True)
    return other


@case("3 processes", "merge killed part way leaves the file as it was")
def _(tmp: Path) -> str | None:
    other = _big_other(tmp, 800)
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "ANNOTATOR_REVIEWER": "ann",
        "ANNOTATOR_CONFIG": str(tmp / "c.toml"),
    }
    env.pop("ANNOTATOR_DB", None)
    start = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "--db",
            str(new_db(tmp, name="full.db")),
            "merge",
            str(other),
        ],
        env=env,
        capture_output=True,
        check=True,
    )
    whole = time.monotonic() - start
    results = []
    for share in (0.6, 0.75, 0.9, 0.97):
        db = new_db(tmp, name=f"m{share}.db")
        before = dump(db)
        p = subprocess.Popen(
            [sys.executable, "-m", "annotator", "--db", str(db), "merge", str(other)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(whole * share)
        p.send_signal(signal.SIGKILL)
        p.communicate()
        conn = sqlite3.connect(db)
        arts = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        grades = conn.execute("SELECT count(*) FROM grades").fetchone()[0]
        conn.close()
        if dump(db) != before and not (arts == 801 and grades >= 800):
            results.append(f"killed at {share:.0%}: {arts - 1} articles in, {grades} grades")
    return "; ".join(results) or None


# -- 4. foreign files ---------------------------------------------------------------------


@case("4 foreign", "another program's file with an articles table keeps its bytes")
def _(tmp: Path) -> str | None:
    f = tmp / "other.sqlite"
    conn = sqlite3.connect(f)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO articles (body) VALUES ('hello')")
    conn.commit()
    conn.close()
    before = f.read_bytes()
    p = run(tmp, "--db", str(f), "articles")
    changed = f.read_bytes() != before or any(tmp.glob("other.sqlite-*"))
    problem = one_line_error(p)
    return "bytes changed (WAL switch)" if changed else problem


@case("4 foreign", "a SQLite file with user_version = 1 is refused, unchanged")
def _(tmp: Path) -> str | None:
    f = tmp / "uv.sqlite"
    conn = sqlite3.connect(f)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = f.read_bytes()
    for command in ("articles", "verify"):
        p = run(tmp, "--db", str(f), command)
        if f.read_bytes() != before:
            return f"{command}: bytes changed"
        if (bad := one_line_error(p)) is not None:
            return f"{command}: {bad}"
    return None


def _message(tmp: Path, db: Path) -> str:
    p = run(tmp, "--db", str(db), "articles")
    return p.stderr.decode("utf-8", "replace").strip() if p.returncode else "(accepted)"


@case("4 foreign", "locked, read-only folder, truncated, corrupt, newer, foreign: six messages")
def _(tmp: Path) -> str | None:
    msgs = {}
    # locked: another process holds an exclusive lock on a rollback-journal file
    locked = tmp / "locked.db"
    conn = sqlite3.connect(locked, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA user_version = 0")
    holder = sqlite3.connect(new_db(tmp, name="l2.db"), isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    msgs["locked"] = _message(tmp, tmp / "l2.db")
    holder.execute("ROLLBACK")
    holder.close()
    conn.close()
    msgs["read-only folder"] = _message(tmp, readonly_folder(tmp) / "new.db")
    good = new_db(tmp, name="t.db")
    run(tmp, "--db", str(good), "articles")
    data = good.read_bytes()
    (tmp / "trunc.db").write_bytes(data[: len(data) // 2 + 100])
    msgs["truncated"] = _message(tmp, tmp / "trunc.db")
    corrupt = bytearray(data)
    for i in range(4096 + 8, 4096 * 3):
        corrupt[i] = 0xA5
    (tmp / "corrupt.db").write_bytes(bytes(corrupt))
    msgs["corrupt page"] = _message(tmp, tmp / "corrupt.db")
    newer = new_db(tmp, name="newer.db")
    c2 = sqlite3.connect(newer)
    c2.execute("PRAGMA user_version = 999")
    c2.commit()
    c2.close()
    msgs["newer schema"] = _message(tmp, newer)
    (tmp / "foreign.db").write_bytes(b"hello, this is not a database at all" * 50)
    msgs["foreign"] = _message(tmp, tmp / "foreign.db")
    if os.environ.get("SHOW"):
        print(msgs)
    texts = [re.sub(r"\S*/\S*", "PATH", m) for m in msgs.values()]
    msgs = dict(zip(msgs, texts, strict=True))
    dupes = {
        k for k, v in msgs.items() if texts.count(v) > 1 or "(accepted)" in v or "Traceback" in v
    }
    return ("; ".join(f"{k}: {msgs[k][:70]}" for k in sorted(dupes))) or None


# -- 5. no traceback ------------------------------------------------------------------------

ID_COMMANDS = [
    ("claims", "{}"),
    ("claim", "accept", "{}"),
    ("claim", "dismiss", "{}"),
    ("label", "{}", "x"),
    ("link", "{}", "1", "--stance", "supports"),
    ("link", "1", "{}", "--stance", "supports"),
    ("grade", "{}", "--verdict", "mixed"),
    ("history", "{}"),
    ("export", "{}", "--format", "csv"),
    ("stats", "{}"),
    ("agreement", "{}"),
    ("similar", "{}"),
    ("reuse", "{}", "1"),
    ("versions", "{}"),
    ("cite", "show", "{}"),
    ("cite", "merge", "{}", "1"),
    ("cite", "quotes", "{}", "1"),
    ("cite", "set", "{}", "--retracted"),
    ("evidence", "list", "{}"),
    ("import", "art.md", "--replaces", "{}"),
]


def _id_case(args: tuple[str, ...]) -> Callable[[Path], str | None]:
    def check(tmp: Path) -> str | None:
        db = new_db(tmp)
        before = dump(db)
        p = run(tmp, "--db", str(db), *(a.replace("{}", str(BIG)) for a in args))
        bad = one_line_error(p)
        if bad == "accepted (exit 0)":
            bad = None  # e.g. a command that ignores the id; no traceback is what counts
        return bad or ("database changed" if dump(db) != before else None)

    return check


for _args in ID_COMMANDS:
    case("5 traceback", "id 2^63: " + " ".join(_args))(_id_case(_args))


def _file_case(
    what: str, content: bytes, *args: str, name: str = "in.json", may_pass: bool = False
) -> None:
    def check(tmp: Path) -> str | None:
        db = new_db(tmp)
        before = dump(db)
        (tmp / name).write_bytes(content)
        p = run(tmp, "--db", str(db), *(a.replace("FILE", str(tmp / name)) for a in args))
        bad = one_line_error(p)
        if may_pass and bad == "accepted (exit 0)":
            return None  # read without the broken value: what counts is no traceback
        return bad or ("database changed" if dump(db) != before else None)

    case("5 traceback", what)(check)


DEEP = 100_000
_file_case("100k-deep CSL-JSON", b"[" * DEEP + b"]" * DEEP, "cite", "add", "--csl-json", "FILE")
_file_case("100k-deep ClaimReview", b"[" * DEEP + b"]" * DEEP, "import-reviews", "FILE")
_file_case("990-deep ClaimReview", b"[" * 990 + b"]" * 990, "import-reviews", "FILE")
_file_case(
    "4,301-digit number in CSL-JSON",
    b'[{"id":"a","title":"T","issued":{"date-parts":[[' + b"9" * 4301 + b"]]}}]",
    "cite",
    "add",
    "--csl-json",
    "FILE",
)
_file_case(
    "\\ud800 escape in CSL-JSON",
    b'[{"id":"a","title":"T\\ud800x"}]',
    "cite",
    "add",
    "--csl-json",
    "FILE",
)
_file_case(
    "\\ud800 escape in ClaimReview",
    b'{"@type":"ClaimReview","claimReviewed":"a\\ud800","reviewRating":{"alternateName":"False"}}',
    "import-reviews",
    "FILE",
)
_file_case(
    "year 10^30 in CSL-JSON",
    b'[{"id":"a","title":"T","issued":{"date-parts":[[1000000000000000000000000000000]]}}]',
    "cite",
    "add",
    "--csl-json",
    "FILE",
    may_pass=True,
)
_file_case(
    "100k-deep TOML scale",
    b"a = " + b"[" * DEEP + b"]" * DEEP,
    "--scale",
    "FILE",
    "articles",
    name="s.toml",
)


@case("5 traceback", "100k-deep TOML config")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    (tmp / "config.toml").write_bytes(b"a = " + b"[" * DEEP + b"]" * DEEP)
    return one_line_error(run(tmp, "--db", str(db), "articles"))


@case("5 traceback", "non-UTF-8 file name")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    name = os.fsencode(tmp) + b"/caf\xe9.md"
    with open(name, "wb") as f:
        f.write(ARTICLE.encode() + b"\nAnd 5% more.\n")
    p = run(tmp, "--db", str(db), "import", name)
    err = p.stderr.decode("utf-8", "replace")
    if "Traceback" in err:
        return "traceback: " + err.strip().splitlines()[-1][:100]
    return None if p.returncode == 0 else "refused: " + err.strip()[:80]


@case("5 traceback", "non-UTF-8 argument (label)")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    p = run(tmp, "--db", str(db), "label", "1", b"caf\xe9")
    err = p.stderr.decode("utf-8", "replace")
    return "traceback" if "Traceback" in err else None


@case("5 traceback", "database in a read-only folder")
def _(tmp: Path) -> str | None:
    return one_line_error(run(tmp, "--db", str(readonly_folder(tmp) / "x.db"), "articles"))


@case("5 traceback", "-o into a read-only folder")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    out = readonly_folder(tmp) / "x.csv"
    return one_line_error(run(tmp, "--db", str(db), "export", "--format", "csv", "-o", str(out)))


def _merge_case(what: str, sql: str) -> None:
    def check(tmp: Path) -> str | None:
        db = new_db(tmp)
        other = new_db(
            tmp, ARTICLE + "\nAnother 20% claim from a 2020 trial of 300 people.\n", name="o.db"
        )
        run(tmp, "--db", str(other), "grade", "1", "--verdict", "mixed")
        conn = sqlite3.connect(other)
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.executescript(sql)
        conn.commit()
        conn.close()
        before = dump(db)
        p = run(tmp, "--db", str(db), "merge", str(other))
        bad = one_line_error(p)
        return bad or ("database changed" if dump(db) != before else None)

    case("5 traceback", what)(check)


_merge_case("merge: bad claim status", "UPDATE claims SET status = 'bogus';")
_merge_case(
    "merge: bad citation kind",
    "INSERT INTO citations (kind, title, created_at, updated_at) VALUES ('bogus', 'T', '', '');",
)
_merge_case(
    "merge: bad stance",
    "INSERT INTO citations (kind, title, created_at, updated_at) VALUES ('other', 'T', '', '');"
    "INSERT INTO evidence (claim_id, citation_id, stance, created_at, updated_at)"
    " VALUES (1, 1, 'bogus', '', '');",
)
_merge_case("merge: bad JSON in claims.reasons", "UPDATE claims SET reasons = '{not json';")
_merge_case(
    "merge: a view where grades should be",
    "DROP TABLE grades; CREATE VIEW grades AS SELECT 1 AS id;",
)


# -- 6. no quiet damage -----------------------------------------------------------------------


@case("6 damage", "UTF-8 file with one bad byte keeps its accents")
def _(tmp: Path) -> str | None:
    text = "Café crème: " + ARTICLE
    (tmp / "bad.md").write_bytes(text.encode().replace(b"walking", b"walk\xffing", 1))
    db = tmp / "a.db"
    p = run(tmp, "--db", str(db), "import", str(tmp / "bad.md"))
    if p.returncode:
        return (
            None
            if one_line_error(p) is None and "line" in p.stderr.decode()
            else "refused without a line"
        )
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT text FROM articles").fetchone()[0]
    conn.close()
    if "Café" not in stored:
        return "decoded whole as cp1252 (mojibake)"
    return None if "line" in p.stderr.decode() else "no notice naming the line"


@case("6 damage", "text with \\f, \\v, \\x85 is accepted")
def _(tmp: Path) -> str | None:
    body = ARTICLE.replace("\n\n", "\n\f\n").replace("Researchers", "Re\vsearchers")
    body = body.replace("Coffee", "\u0085Coffee") + "\f" * 3 + "\v" * 3
    (tmp / "ff.md").write_text(body, encoding="utf-8")
    p = run(tmp, "--db", str(tmp / "a.db"), "import", str(tmp / "ff.md"))
    return None if p.returncode == 0 else "refused: " + p.stderr.decode().strip()[:80]


@case("6 damage", 'config blind = "false" is not read as true')
def _(tmp: Path) -> str | None:
    (tmp / "config.toml").write_text('blind = "false"\n', encoding="utf-8")
    p = run(tmp, "config", "--json")
    if p.returncode:
        return one_line_error(p)
    return "read as true" if json.loads(p.stdout).get("blind") is True else None


for _value in ("nan", "-5", "inf", '"0.5"'):

    def _threshold(tmp: Path, value: str = _value) -> str | None:
        (tmp / "config.toml").write_text(f"threshold = {value}\n", encoding="utf-8")
        p = run(tmp, "config", "--json")
        bad = one_line_error(p)
        if bad is None and "threshold" not in p.stderr.decode():
            return "message does not name the key"
        return bad

    case("6 damage", f"config threshold = {_value} is refused")(_threshold)


@case("6 damage", "-o onto a symlink does not replace it")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    target = tmp / "real.csv"
    target.write_text("keep", encoding="utf-8")
    (tmp / "link.csv").symlink_to(target)
    p = run(tmp, "--db", str(db), "export", "--format", "csv", "-o", str(tmp / "link.csv"))
    if not (tmp / "link.csv").is_symlink():
        return "symlink replaced by a file"
    return one_line_error(p)


@case("6 damage", "-o onto a FIFO does not replace it")
def _(tmp: Path) -> str | None:
    db = new_db(tmp)
    os.mkfifo(tmp / "fifo")
    p = run(tmp, "--db", str(db), "export", "--format", "csv", "-o", str(tmp / "fifo"))
    if not stat.S_ISFIFO(os.lstat(tmp / "fifo").st_mode):
        return "FIFO replaced by a file"
    return one_line_error(p)


@case("6 damage", "--date free text is refused")
def _(tmp: Path) -> str | None:
    (tmp / "art.md").write_text(ARTICLE, encoding="utf-8")
    p = run(tmp, "--db", str(tmp / "a.db"), "import", str(tmp / "art.md"), "--date", "last tuesday")
    return one_line_error(p)


def main() -> None:
    only = os.environ.get("ONLY", "")
    counts: dict[str, list[int]] = {}
    for group, name, fn in CASES:
        if only and only not in f"{group} {name}":
            continue
        with tempfile.TemporaryDirectory() as d:
            try:
                problem = fn(Path(d))
            except Exception as exc:  # a case that cannot even be set up counts as bad
                problem = f"case failed: {type(exc).__name__}: {str(exc)[:80]}"
        tally = counts.setdefault(group, [0, 0])
        tally[0 if problem is None else 1] += 1
        line = (
            f"ok   {group:12} {name}" if problem is None else f"BAD  {group:12} {name}: {problem}"
        )
        print(line, flush=True)
    print()
    for group, (ok, bad) in counts.items():
        print(f"{group:12} ok {ok:3}  bad {bad:3}")


if __name__ == "__main__":
    main()
