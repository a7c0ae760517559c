"""Format versions: each game says which version of the format it is written in
(``format: 1``); older games are upgraded here, step by step, before validation.

To change the format: bump ``CURRENT``, add ``UPGRADES[old] = function`` that rewrites
the data of version ``old`` into ``old + 1``, and keep the old test games passing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .diagnostics import Diagnostic

CURRENT = 1
UPGRADES: dict[int, Callable[[dict[str, Any]], None]] = {}


def upgrade(data: dict[str, Any], origins: Any) -> list[Diagnostic]:
    """Bring ``data`` to the current format in place; say why when it cannot."""
    from ..i18n import _

    version = data.get("format")
    if version is None:
        return [origins.diagnostic((), _(
            "il manque « format: {n} » en tête de game.yaml (la version du format de jeu)"
        ).format(n=CURRENT), "format.missing")]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [origins.diagnostic(("format",), _(
            "« format » doit être un nombre entier, {n} pour ce Sésame").format(n=CURRENT),
            "format.invalid")]
    if version > CURRENT:
        return [origins.diagnostic(("format",), _(
            "ce jeu est écrit pour une version plus récente de Sésame (format {found}, "
            "celui-ci lit jusqu’au format {n}) : mettez Sésame à jour").format(
            found=version, n=CURRENT), "format.too_new")]
    while version < CURRENT:
        UPGRADES[version](data)
        version += 1
        data["format"] = version
    return []
