"""The HTML timeline opens in headless Chromium without errors and shows the obligations,
their Chinese-style dates and the deemed events."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from engine.html import render_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def page(seed, tmp_path_factory):
    lines = (ROOT / "facts" / "missed-review.jsonl").read_text(encoding="utf-8").splitlines()
    html = render_html(seed.evaluate(lines, "2026-10-20T00:00:00+08:00"))
    path = tmp_path_factory.mktemp("html") / "timeline.html"
    path.write_text(html, encoding="utf-8")
    return path, html


def test_page_is_self_contained(page):
    _, html = page
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<link" not in html and "src=" not in html


def test_page_shows_what_a_lawyer_looks_for(page):
    _, html = page
    # the review missed over National Day: due 24:00 Fri 10-16, deemed acceptance at that instant
    assert "2026年10月16日24时 (2026-10-17T00:00:00+08:00)" in html
    assert "deemed_acceptance" in html and "acceptance_review" in html and "release_bond" in html
    assert "<svg" in html and "class=\"row\"" in html


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true",
                    reason="Chromium is not installed here (.ci/run installs it)")
def test_page_opens_in_headless_chromium_without_errors(page, tmp_path):
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    path, _ = page
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=2000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120)
    dom = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert 'data-ready="yes"' in dom, proc.stderr[-2000:]       # the script ran to its end
    assert "data-error" not in dom
    assert "Uncaught" not in proc.stderr
    assert 'class="hide-inactive"' in dom                         # the filter applied
    assert "2026年10月16日24时" in dom


def test_page_labels_are_chinese_and_not_cut_mid_word(page):
    _, html = page
    for label in ("截至", "名称", "状态", "理由", "隐藏未触发的义务", "提示", "已违约"):
        assert label in html, label
    for english in (">why<", "hide obligations", ">name<", ">status<", "deemed event<"):
        assert english not in html, english
    import re
    for text in re.findall(r'class="row-label">([^<]*)<', html):
        assert len(text) <= 40 and (text.endswith("…") or not text.endswith(" ")), text
