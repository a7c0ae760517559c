"""Colours and sizes. Two palettes (standard, high contrast); every size derives from
the window height and the text-size preference, so layouts scale from 1280×720 to 4K."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    background: Color
    surface: Color
    surface_alt: Color
    text: Color
    muted: Color
    accent: Color
    accent_text: Color
    warm: Color
    success: Color
    danger: Color
    focus: Color
    border: Color
    shade: Color
    # A button that cannot be pressed yet: its words and edge (None: ``muted``, ``border``).
    # In high contrast ``muted`` is nearly white, so a disabled button looked enabled.
    disabled_text: Color | None = None
    disabled_edge: Color | None = None


STANDARD = Palette(
    background=(238, 241, 245), surface=(255, 255, 255), surface_alt=(228, 234, 241),
    text=(24, 32, 48), muted=(84, 94, 114), accent=(26, 92, 138), accent_text=(255, 255, 255),
    warm=(160, 70, 10), success=(30, 120, 72), danger=(178, 38, 30), focus=(242, 170, 0),
    border=(196, 204, 216), shade=(16, 24, 40))
HIGH_CONTRAST = Palette(
    background=(0, 0, 0), surface=(0, 0, 0), surface_alt=(28, 28, 28), text=(255, 255, 255),
    muted=(230, 230, 230), accent=(255, 221, 0), accent_text=(0, 0, 0), warm=(255, 160, 60),
    success=(90, 255, 140), danger=(255, 110, 110), focus=(0, 230, 255),
    border=(255, 255, 255), shade=(0, 0, 0), disabled_text=(160, 160, 160), disabled_edge=(100, 100, 100))


@dataclass(frozen=True)
class Metrics:
    """Sizes in pixels for the current window and text size."""

    width: int
    height: int
    text_scale: float

    @property
    def unit(self) -> int:
        """The base spacing: 1 % of the smaller side, at least 8 px, and with large
        text at least 0.22 of the body size: a control is ``body + 4 units`` high and
        its label needs a line (1.25 body) and 3 units, which then fit at 200 % text on
        a 1366×748 or 1024×600 window too (tests/test_small_screens.py)."""
        return max(8, min(self.width, self.height) // 100, round(self.body * 0.22))

    @property
    def body(self) -> int:
        """Body text size: readable on a 13" laptop and from the back of a room."""
        return round(max(18, self.height / 38) * self.text_scale)

    @property
    def small(self) -> int:
        return round(self.body * 0.82)

    @property
    def title(self) -> int:
        return round(self.body * 1.55)

    @property
    def huge(self) -> int:
        return round(self.body * 2.4)

    @property
    def wheel_step(self) -> int:
        """How far one notch of a mouse wheel scrolls: three lines of text, as systems do
        (two body sizes, one line and a half, felt stuck)."""
        return round(self.body * 1.25 * 3)

    @property
    def radius(self) -> int:
        return self.unit

    @property
    def focus_width(self) -> int:
        return max(3, self.unit // 2)


def palette(contrast: str) -> Palette:
    return HIGH_CONTRAST if contrast == "high" else STANDARD
