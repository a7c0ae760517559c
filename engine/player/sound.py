"""Short UI sounds, generated (no sound files, nothing to license), played lazily.

The mixer starts only when the first sound plays (starting it costs ~0.1 s), and a
machine without audio simply stays silent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    import numpy as np

RATE = 22050
# (frequencies in Hz, note length in s): gentle, short, never alarming.
TUNES = {
    "right": ((660.0, 0.09), (880.0, 0.16)),
    "wrong": ((330.0, 0.12), (294.0, 0.18)),
    "unlock": ((523.0, 0.06), (784.0, 0.06), (1047.0, 0.14)),
    "hint": ((988.0, 0.12),),
    "end": ((523.0, 0.12), (659.0, 0.12), (784.0, 0.12), (1047.0, 0.3)),
    "found": ((784.0, 0.07), (1175.0, 0.12)),  # an item gained
    "time": ((440.0, 0.2), (440.0, 0.2), (349.0, 0.35)),  # time is up: low, calm
}
# Which tune says what (feedback.py plays them): found, solved, wrong, unlocked, time up.
MEANING = {"found": "found", "solved": "right", "wrong": "wrong", "unlocked": "unlock", "time_up": "time"}


def synthesize(notes: tuple[tuple[float, float], ...]) -> np.ndarray:
    import numpy as np  # here, not at start-up: sounds are off by default, NumPy takes ~85 ms to import

    parts = []
    for frequency, length in notes:
        t = np.arange(int(RATE * length)) / RATE
        envelope = np.minimum(1.0, t / 0.01) * np.exp(-t * 6.0)
        wave = np.sin(2 * np.pi * frequency * t) + 0.25 * np.sin(4 * np.pi * frequency * t)
        parts.append(wave * envelope)
    samples = np.concatenate(parts) * 0.3 * 32767
    return np.repeat(samples.astype(np.int16)[:, None], 2, axis=1)


class Sounds:
    def __init__(self) -> None:
        self._ready: bool | None = None
        self._sounds: dict[str, pygame.mixer.Sound] = {}

    def _start(self) -> bool:
        if self._ready is None:
            try:
                pygame.mixer.init(frequency=RATE, size=-16, channels=2)
                self._ready = True
            except pygame.error:
                self._ready = False
        return self._ready

    def play(self, name: str, volume: float) -> None:
        if name not in TUNES or not self._start():
            return
        sound = self._sounds.get(name)
        if sound is None:
            sound = self._sounds[name] = pygame.sndarray.make_sound(synthesize(TUNES[name]))
        sound.set_volume(volume)
        sound.play()
