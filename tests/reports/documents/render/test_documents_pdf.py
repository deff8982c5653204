"""PDF documents printed by WeasyPrint (reports/documents/render/pdf.py), read back with pypdf."""

import dataclasses
import datetime as dt
import io
import itertools
import re
import subprocess

import pytest
from pypdf import PdfReader

from reports.documents.render.data import (
    CaseEntry,
    CountRow,
    LetterEnterprise,
    SummaryData,
    TaskLetterData,
)
from reports.documents.render.pdf import (
    STATIC_DIR,
    ResourceRefused,
    html_to_pdf,
    render_html,
    render_pdf,
    resolve_static_url,
)

FREE = "机构须承诺对任务书内的服务内容不收取费用"


def make_letter(count: int = 6, **changes) -> TaskLetterData:
    enterprises = [
        LetterEnterprise(
            f"济南华兴恒达{n}化工有限公司", "913705005MH6EG6P6P", "山东省济南市历城区", "重点行业"
        )
        for n in range(count)
    ]
    values = {
        "year": 2021,
        "organizer_name": "山东省工业和信息化厅",
        "agency_name": "山东国泰海天节能技术服务有限公司",
        "enterprises": enterprises,
        "period_start": dt.date(2021, 6, 15),
        "period_end": dt.date(2021, 10, 31),
    }
    values.update(changes)
    return TaskLetterData(**values)


def make_summary() -> SummaryData:
    return SummaryData(
        year=2021,
        organizer_name="河北省工业和信息化厅",
        counts_by_type=[CountRow("重点行业", 150), CountRow("中小企业", 60)],
        counts_by_industry=[CountRow("钢铁", 120), CountRow("建材", 90)],
        problems_found=530,
        measures=610,
        expected_savings_tce=98765.4,
        investment_wan=32100,
        overview="全省组织开展节能诊断服务。",
    )


def pdf_of(template: str, context: dict) -> bytes:
    out = io.BytesIO()
    render_pdf(template, context, out)
    return out.getvalue()


def text_of(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def embedded_fonts(data: bytes) -> set[str]:
    """BaseFont names of fonts whose program is embedded in the file."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descriptor["/FontName"]))
    return names


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return pdf_of("documents/task_letter.html", {"letter": make_letter()})


def test_task_letter_pdf_has_extractable_chinese_text(letter_pdf):
    """Title, parties and the free-of-charge sentence can be read out of the PDF."""
    text = text_of(letter_pdf).replace("\n", "")
    assert "节能诊断服务任务书" in text
    assert "山东国泰海天节能技术服务有限公司" in text
    assert FREE in text


def test_task_letter_pdf_embeds_subset_cjk_fonts(letter_pdf):
    """The Noto CJK fonts are embedded as subsets (a six-letter tag before the name)."""
    fonts = embedded_fonts(letter_pdf)
    assert any("CJK" in name for name in fonts)
    assert all(name[7] == "+" and name[1:7].isupper() for name in fonts)


def test_two_page_task_letter_is_small(letter_pdf):
    """A two-page task letter stays under 0.5 MB, on A4 pages."""
    reader = PdfReader(io.BytesIO(letter_pdf))
    assert len(reader.pages) == 2
    assert len(letter_pdf) < 500 * 1024
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_summary_pdf_has_sections_and_figures():
    """附件4 as PDF: the sections and the figures from the data."""
    text = text_of(pdf_of("documents/summary.html", {"summary": make_summary()})).replace("\n", "")
    assert "2021年度节能诊断服务工作总结" in text
    assert "五、下一步工作与建议" in text
    assert "9.88万吨标准煤" in text
    assert "32,100.00万元" in text


def test_render_html_escapes_data():
    """Text from the data is escaped, so a name cannot inject markup or fetch a file."""
    letter = make_letter(agency_name='<img src="file:///etc/passwd">')
    html = render_html("documents/task_letter.html", {"letter": letter})
    assert "<img" not in html
    assert "&lt;img" in html


def test_stylesheet_is_served_from_static():
    """The print stylesheet resolves to the file under static/."""
    url = (STATIC_DIR / "documents" / "print.css").as_uri()
    assert resolve_static_url(url) == (STATIC_DIR / "documents" / "print.css").resolve()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/style.css",
        "https://example.com/logo.png",
        "data:text/css,body{}",
        (STATIC_DIR / ".." / "manage.py").as_uri(),
        STATIC_DIR.as_uri() + "/../portal/settings/base.py",
        STATIC_DIR.as_uri(),
    ],
)
def test_url_fetcher_refuses_anything_outside_static(url):
    """Only files under static/ may be read; other files, the network and data URLs are refused."""
    with pytest.raises(ResourceRefused):
        resolve_static_url(url)


def test_rendering_html_that_asks_for_etc_passwd_fails():
    """A document referring to file:///etc/passwd is not printed at all."""
    html = '<html><body><p>甲</p><img src="file:///etc/passwd"></body></html>'
    with pytest.raises(ResourceRefused):
        html_to_pdf(html, io.BytesIO())


def test_rendering_html_that_links_to_the_network_fails():
    """A stylesheet on the network is refused too: workers never call out."""
    html = '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head><body>甲</body></html>'
    with pytest.raises(ResourceRefused):
        html_to_pdf(html, io.BytesIO())


def test_summary_pdf_lists_cases_like_the_word_file():
    """A case reads the same in the PDF as in the .docx: enterprise, agency and figures."""
    summary = make_summary()
    case = CaseEntry(
        "余热回收改造",
        "唐山盛泰鼎盛钢铁有限公司",
        "河北东方正泰节能技术服务有限公司",
        savings_tce=3200,
        investment_wan=880,
    )
    with_case = dataclasses.replace(summary, cases=[case])
    text = text_of(pdf_of("documents/summary.html", {"summary": with_case})).replace("\n", "")
    assert "案例1：余热回收改造" in text
    assert case.details in text


STANDARDS = "按照GB 17167《用能单位能源计量器具配备和管理通则》和GB/T 2589-2020要求开展诊断。"


def pdftotext(data: bytes, *args: str) -> str:
    """The text poppler's pdftotext reads out of `data` (an independent PDF reader)."""
    result = subprocess.run(
        ["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def pages_of(data: bytes) -> list[list[str]]:
    """Each page's printed lines, top to bottom, runs of white space shown as one space."""
    pages = pdftotext(data, "-layout").split("\f")[:-1]
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages
    ]


def summary_with_closing(closing_chars: int) -> SummaryData:
    """附件4 whose last paragraph of 五 has about `closing_chars` characters, undated."""
    return dataclasses.replace(
        make_summary(),
        overview="\n".join([STANDARDS * 3] * 5),
        problems="\n".join([STANDARDS * 3] * 2),
        next_steps=STANDARDS * 3 + "\n" + "下一步继续推进。" * (closing_chars // 8),
    )


@pytest.mark.parametrize("closing_chars", [480, 520, 560, 600, 2400])
def test_summary_signature_never_stands_alone_on_the_last_page(closing_chars):
    """Whatever the length of the closing paragraph, the last page holds more than the
    organizer and "年 月 日": the paragraph (or its last lines) comes along."""
    data = pdf_of("documents/summary.html", {"summary": summary_with_closing(closing_chars)})
    *text, name, date, footer = pages_of(data)[-1]
    assert (name, date, footer[:1]) == ("河北省工业和信息化厅", "年 月 日", "第")
    assert len(text) >= 2, text
    assert "下一步继续推进" in "".join(text[-2:])


def test_summary_pdf_numbers_every_page_of_all():
    """The footer reads 第 X 页 共 Y 页, as in the Word file."""
    data = pdf_of("documents/summary.html", {"summary": summary_with_closing(520)})
    pages = pages_of(data)
    # pdftotext leaves out the spaces between the Chinese characters and the digits
    assert [page[-1].replace(" ", "") for page in pages] == [
        f"第{n}页共{len(pages)}页" for n in range(1, len(pages) + 1)
    ]


def test_standard_numbers_print_without_a_stretched_gap():
    """ "GB 17167" keeps its normal space (no justified gap) and "GB/T 2589-2020" one line."""
    data = pdf_of("documents/summary.html", {"summary": summary_with_closing(40)})
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
        pdftotext(data, "-bbox"),
    )
    pairs = list(itertools.pairwise(words))
    gaps = [float(b[0]) - float(a[2]) for a, b in pairs if a[3].endswith("GB") and b[1] == a[1]]
    assert gaps, "no GB 17167 found on one line"
    assert max(gaps) < 7  # a space of 14-point text is about 3.5 pt; justified it was ~40 pt
    assert "GB/T 2589-2020" in pdftotext(data).replace("\xa0", " ")
    assert not re.search(r"GB/\s*\n", pdftotext(data))


def test_summary_narrative_keeps_standard_numbers_together_and_escaped():
    """The narrative is escaped; a standard number sits in a no-wrap span with a no-break space."""
    summary = dataclasses.replace(make_summary(), overview="<b>依据GB/T 2589-2020</b>")
    html = render_html("documents/summary.html", {"summary": summary})
    assert '&lt;b&gt;依据<span class="nobr">GB/T\xa02589-2020</span>&lt;/b&gt;' in html
