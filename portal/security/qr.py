"""QR codes as inline SVG rendered on the server: no script, no inline style, no data: URL."""

import re

import qrcode
import qrcode.image.svg


def qr_svg(data: str, *, size_px: int = 220, title: str = "") -> str:
    """An <svg> element (path only) encoding `data`, `size_px` wide, with an accessible title."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    svg = re.sub(
        r'width="[^"]*" height="[^"]*"', f'width="{size_px}" height="{size_px}"', svg, count=1
    )
    label = re.sub(r"[<>&\"]", "", title)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
