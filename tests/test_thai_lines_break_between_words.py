"""In Chromium, on a phone's width, a line of Thai in a report breaks between words, never inside one.

The reports' narrow columns once showed "ผ่า/น" and "เสี่/ยง". The page is laid out by real Chromium at
390 px and at a desktop's width; every place where a text node's characters move to a new line is read
back from the layout (a Range per character) and must be a word boundary as ICU cuts the text (or a
space), the same segmenter the reports mark with <wbr>.
"""

from __future__ import annotations

import pytest

from checks.findings import Finding, RuleId, Severity
from checks.reports.formats import to_html
from checks.reports.report import build_report
from generator.basics.errors import ErrorLog
from generator.basics.thai_words import THAI_RUN, ThaiWords
from generator.content.catalogues import load_catalogues
from tests.browser import browser

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

# Every line break of every text node under ``root``: (text, [offsets where a new line starts]).
LINE_BREAKS = """(root) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!/[\\u0E00-\\u0E7F]/.test(text)) continue;
    const range = document.createRange();
    let top = null; const breaks = [];
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) continue;
      const y = Math.round(rects[0].top);
      if (top !== null && y > top + 2) breaks.push(i);
      top = y;
    }
    if (breaks.length) found.push([text, breaks]);
  }
  return found;
}"""


def boundaries(text: str, words: ThaiWords) -> set[int]:
    """Offsets a line may start at: after a space, or at an ICU word boundary inside a Thai run."""
    allowed = {index + 1 for index, char in enumerate(text) if char.isspace() or char in "/-·,(:"}
    allowed |= {index for index, char in enumerate(text) if char.isspace() or not ("\u0e00" <= char <= "\u0e7f")}
    for run in THAI_RUN.finditer(text):
        offset = run.start()
        for word in words.words(run.group(0)):
            allowed.add(offset)
            offset += len(word)
        allowed.add(offset)
    return allowed


def report_html() -> str:
    catalogue = load_catalogues(ErrorLog())[2569]
    findings = [Finding(RuleId.WRONG_YEAR, Severity.ERROR, "O11", "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือนเป็นของปีงบประมาณ"
                        "อื่น ให้เปลี่ยนเป็นเอกสารของปีที่ถูกต้อง", url="https://www.tambon.example/ita/2569/o11/"),
                Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, "O4", "ข่าวประชาสัมพันธ์ไม่ระบุปีงบประมาณในหัวเรื่องหรือชื่อเอกสาร")]
    return to_html(build_report("audit", "องค์การบริหารส่วนตำบลหนองน้ำใส", "https://www.tambon.example/", catalogue,
                                findings))


@pytest.mark.parametrize("width", [390, 1280])
def test_a_report_breaks_thai_lines_only_between_words(tmp_path, width):
    words = ThaiWords()
    (tmp_path / "report.html").write_text(report_html(), encoding="utf-8")
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.goto((tmp_path / "report.html").as_uri())
        broken = [(text, at) for text, breaks in page.evaluate(LINE_BREAKS, "body") for at in breaks
                  if at not in boundaries(text, words)]
        page.close()
    assert not broken, [f"{text[:at]}/{text[at:]}" for text, at in broken][:5]
