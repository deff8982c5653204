"""System checks that run with every management command (and so at start-up of `runserver`)."""

import os
import shutil
import subprocess
from pathlib import Path

from django.core.checks import Error
from django.core.checks import register as register_check

# Where Debian, Ubuntu and most Linux systems keep fonts, for machines without fc-list.
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
CJK_FILE_HINTS = ("cjk", "wqy", "droidsansfallback", "sourcehan", "simsun", "simhei", "notosanssc")


def cjk_font_families(env: dict[str, str] | None = None) -> list[str]:
    """The font families fontconfig (and so WeasyPrint, through Pango) offers for Chinese."""
    fc_list = shutil.which("fc-list")
    if fc_list:
        result = subprocess.run(  # noqa: S603 (a fixed program and arguments)
            [fc_list, ":lang=zh-cn", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            env=env if env is not None else os.environ.copy(),
        )
        return sorted({line.strip() for line in result.stdout.splitlines() if line.strip()})
    found = []
    for folder in FONT_DIRS:
        for path in Path(folder).rglob("*") if Path(folder).is_dir() else ():
            if any(hint in path.name.lower() for hint in CJK_FILE_HINTS):
                found.append(path.stem)
    return sorted(set(found))


def cjk_font_check(app_configs, **kwargs) -> list[Error]:
    """Without a CJK font WeasyPrint silently prints Chinese as empty boxes in every PDF."""
    if cjk_font_families():
        return []
    return [
        Error(
            "No font with Chinese glyphs is installed: PDFs (task letters, reports) would show "
            "Chinese text as empty boxes.",
            hint="Install Debian's fonts-noto-cjk: sudo apt-get install fonts-noto-cjk "
            "(or run `make run` / `make test` as root, which installs it).",
            id="portal.E001",
        )
    ]


def register() -> None:
    """The kernel's system checks (PortalConfig.ready())."""
    register_check(cjk_font_check)
