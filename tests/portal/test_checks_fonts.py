"""The start-up check that refuses a machine where PDFs would print Chinese as empty boxes."""

import subprocess
import sys
from pathlib import Path

from portal.checks import cjk_font_check, cjk_font_families

ROOT = Path(__file__).resolve().parents[2]


def _fontconfig_without_fonts(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{tmp_path / 'empty'}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>"
    )
    (tmp_path / "empty").mkdir()
    return {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"}


def test_this_machine_has_a_chinese_font():
    """`make test` installs fonts-noto-cjk first, so the check passes here."""
    assert cjk_font_families()
    assert cjk_font_check(None) == []


def test_no_chinese_font_is_an_error_at_start_up(tmp_path):
    env = _fontconfig_without_fonts(tmp_path)
    assert cjk_font_families(env) == []
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "fonts-noto-cjk" in result.stderr
