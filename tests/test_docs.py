"""The language reference stays true, in both its versions (docs/language.md, Chinese, for
legal staff; docs/language.en.md, English): every example parses (and the whole-file ones
check, the seed quotations are word for word), and the keyword table matches the grammar.
The two versions carry the same examples and link to each other."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["docs/language.md", "docs/language.en.md"]
FENCE = re.compile(r"^```(qy[^\n]*)\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("doc", DOCS)
def test_language_reference_examples_hold(doc):
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "doc_examples.py"), str(ROOT / doc)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "0 failure(s)" in r.stdout
    assert "keyword table matches the grammar" in r.stdout


def without_comments(code: str) -> str:
    """The rule text without its `#` comments (a comment may be translated; the rules may not)."""
    return "\n".join(re.sub(r'^((?:[^"#]|"[^"]*")*)#.*$', r"\1", line) for line in code.splitlines())


def examples(doc: str) -> list[tuple[str, str]]:
    text = (ROOT / doc).read_text(encoding="utf-8")
    return [(m.group(1).strip(), " ".join(without_comments(m.group(2)).split())) for m in FENCE.finditer(text)]


def test_both_versions_carry_the_same_examples():
    zh, en = examples("docs/language.md"), examples("docs/language.en.md")
    assert len(zh) == len(en), f"docs/language.md has {len(zh)} examples, docs/language.en.md {len(en)}"
    for i, (a, b) in enumerate(zip(zh, en), 1):
        assert a == b, f"example {i} differs between the two versions:\n  zh: {a}\n  en: {b}"


@pytest.mark.parametrize("doc, other", [("docs/language.md", "language.en.md"),
                                        ("docs/language.en.md", "language.md")])
def test_each_version_links_to_the_other_at_the_top(doc, other):
    top = "\n".join((ROOT / doc).read_text(encoding="utf-8").splitlines()[:5])
    assert f"]({other})" in top
