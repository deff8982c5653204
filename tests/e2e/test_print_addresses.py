"""The print view of 附件2 breaks an agency's e-mail address only after its "@" and dots, never
inside a word (print.css `form-sheet__address`; reports/documents/printing.py `Cell`)."""

import pytest

from provinces.services import submission_get_or_create
from tests.conftest import PASSWORD
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db(transaction=True)
ADDRESS = "energydiagnosisservice@hbhuaxingdongfangjieneng.example.com.cn"
LONG = "钢铁、有色金属、建材、石化化工、轻工、纺织等行业的能源审计、节能诊断与能效对标服务" * 2

# The characters after which a new line starts, over every text node of the cell.
BROKEN_AFTER = """cell => {
  const breaks = [];
  let previous = null;
  for (const node of cell.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      if (previous && top > previous.top + 2) breaks.push(previous.char);
      previous = {top, char: node.data[i]};
    }
  }
  return breaks;
}"""


def test_print_view_wraps_an_address_only_at_its_separators(
    page, login, campaign, hebei, organizer_user
):
    RecommendationFactory(  # long texts in the other columns squeeze the address's column
        campaign=campaign,
        organizer=hebei,
        email=ADDRESS,
        specialties=LONG,
        track_record=LONG,
        location="河北省石家庄市高新技术产业开发区",
        contact_title="节能诊断中心副主任兼总工程师",
    )
    submission = submission_get_or_create(organizer=hebei, campaign=campaign, form=2)
    login(organizer_user.username, PASSWORD)
    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    page.emulate_media(media="print")
    page.goto(f"/provinces/forms/{submission.pk}/print/")
    cell = page.locator("td.form-sheet__address")
    assert cell.count() == 1
    assert cell.inner_text().replace("\n", "") == ADDRESS
    broken_after = cell.evaluate(BROKEN_AFTER)
    assert broken_after, "the long address wraps in its column"
    assert set(broken_after) <= set("@.-"), f"broken inside a word, after {broken_after}"
