"""Render the app icon (``packaging/icons/pos-app.svg``) to PNGs, a Windows ICO and a macOS ICNS.

Qt's ``QSvgRenderer`` draws the PNGs (the same renderer the app uses, so what you see in the
build is what the window shows); Pillow packs them into ``.ico`` and ``.icns``. The results are
committed, so a build machine does not need to run this; run it after editing the SVG:

    python packaging/render_icons.py [--out packaging/icons]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "pos-app.svg"
# hicolor sizes a Linux desktop looks for, plus 1024 for the macOS .icns.
PNG_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES: tuple[int, ...] = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int, target: Path) -> None:
    """Draw *svg* into a transparent ``size``×``size`` PNG at *target*."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):  # format from the .png suffix
        raise OSError(f"could not write {target}")


def render_all(svg: Path, out: Path) -> list[Path]:
    """Write ``hicolor/<n>x<n>/apps/pos-app.png`` for every size, ``pos-app.ico`` and ``.icns``.

    Returns:
        The files written.
    """
    from PIL import Image

    # QSvgRenderer needs a QGuiApplication only for fonts; none are used, but a platform is.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written: list[Path] = []
    tmp = out / ".render"
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        png = tmp / f"{size}.png"
        render_png(svg, size, png)
        if size in PNG_SIZES:
            target = out / "hicolor" / f"{size}x{size}" / "apps" / "pos-app.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png.read_bytes())
            written.append(target)
    # Pillow picks the best source for each entry; give it the largest so it scales down
    # only where a hand-rendered size is missing, then append the exact renders.
    largest = Image.open(tmp / f"{max(ICO_SIZES)}.png")
    ico = out / "pos-app.ico"
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[Image.open(tmp / f"{s}.png") for s in ICO_SIZES],
    )
    written.append(ico)
    icns = out / "pos-app.icns"
    Image.open(tmp / f"{max(ICNS_SIZES)}.png").save(
        icns,
        format="ICNS",
        append_images=[Image.open(tmp / f"{s}.png") for s in ICNS_SIZES],
    )
    written.append(icns)
    for leftover in tmp.iterdir():
        leftover.unlink()
    tmp.rmdir()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: render the icons into ``--out`` (default: next to the SVG)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=SVG.parent)
    args = parser.parse_args(argv)
    for path in render_all(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
