"""engine/ never names the seed contract: its events, rules, parties, parameters or amounts.

Every name the seed rule file declares is looked for in engine code (identifiers and
string constants; docstrings are prose and may cite examples)."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_names(seed):
    rf = seed.checked.rules
    names = {e.name for e in rf.events} | {o.name for o in rf.obligations} | {r.name for r in rf.remedies}
    names |= {d.name for d in rf.deemed} | {p.name for p in rf.parties} | {p.name for p in rf.params}
    names |= {p.name for p in rf.periods} | {t.name for t in rf.tables} | {f.code for f in rf.findings}
    names |= {rf.contract.id} | set(rf.contract.numbers.values())
    return names


def code_words(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            docs.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value
        elif isinstance(node, ast.Name):
            yield node.lineno, node.id
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr


def test_engine_names_nothing_of_the_seed_contract(seed):
    # "total" is also the language's own keyword for an annex's total line
    names = {n for n in seed_names(seed) if (len(n) > 3 or not n.isascii()) and n != "total"}
    amounts = {"6980000", "3490000", "349000", "1396000", "2094000", "6,980,000"}
    hits = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for line, word in code_words(path):
            for n in names:  # (an identifier of the seed also inside a message's example: `…_occurred f`)
                if n == word or (not n.isascii() and n in word) or ("_" in n and re.search(rf"\b{n}\b", word)):
                    hits.append(f"{path.name}:{line}: {n}")
            hits += [f"{path.name}:{line}: {a}" for a in amounts if a in word]
    assert not hits, hits
