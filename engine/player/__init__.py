"""The pygame-ce player: a view over the pure core.

Scenes turn input into the core's commands and the core's events into feedback; no
game logic lives here. Everything can run headless (``SDL_VIDEODRIVER=dummy``) and be
driven by ``engine.player.pilot`` in tests.
"""
