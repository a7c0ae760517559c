"""The puzzle-type picker: each type with its name, what it asks, and an example that
becomes the new question (a real one, that the author then changes)."""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _

# type -> (name, what the player does, example fields without the id)
EXAMPLES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "single": (N_("Choix unique"), N_("Une seule bonne réponse parmi plusieurs."), {
        "prompt": "Quelle est la capitale de l’Occitanie ?",
        "options": [{"id": "a", "text": "Toulouse", "correct": True}, {"id": "b", "text": "Montpellier"},
                    {"id": "c", "text": "Nîmes"}]}),
    "multiple": (N_("Choix multiple"), N_("Plusieurs bonnes réponses à cocher."), {
        "prompt": "Lesquels sont des réseaux sociaux ?",
        "options": [{"id": "a", "text": "Instagram", "correct": True}, {"id": "b", "text": "TikTok", "correct": True},
                    {"id": "c", "text": "Un dictionnaire"}]}),
    "truefalse": (N_("Vrai ou infox"), N_("Une affirmation à juger."), {
        "prompt": "Une photo peut être sortie de son contexte.", "answer": True}),
    "text": (N_("Réponse libre"), N_("Un mot ou une phrase à écrire."), {
        "prompt": "Quel mot désigne une fausse information ?", "answers": ["infox", "fake news"]}),
    "number": (N_("Nombre"), N_("Un nombre, avec une tolérance si l’on veut."), {
        "prompt": "En quelle année a été votée la loi sur la liberté de la presse ?", "answer": 1881,
        "tolerance": 0}),
    "code": (N_("Cadenas à code"), N_("Un code de chiffres ou de lettres."), {
        "prompt": "Quel est le code du cadenas ?", "code": "1881"}),
    "directions": (N_("Cadenas à flèches"), N_("Une suite de flèches."), {
        "prompt": "Entre la suite de flèches.", "sequence": ["up", "right", "down"]}),
    "order": (N_("Remettre dans l’ordre"), N_("Des éléments à classer (écrits dans le bon ordre)."), {
        "prompt": "Range ces inventions de la plus ancienne à la plus récente.",
        "items": [{"id": "a", "text": "L’imprimerie"}, {"id": "b", "text": "La radio"},
                  {"id": "c", "text": "Internet"}]}),
    "match": (N_("Relier par paires"), N_("Des paires à relier (écrites reliées)."), {
        "prompt": "Relie chaque média à sa forme.",
        "pairs": [{"id": "a", "left": "Journal", "right": "Papier"}, {"id": "b", "left": "Podcast", "right": "Son"}]}),
    "categories": (N_("Trier"), N_("Des éléments à ranger dans des catégories."), {
        "prompt": "Trie ces affirmations.",
        "categories": [{"id": "fait", "label": "Un fait"}, {"id": "opinion", "label": "Une opinion"}],
        "items": [{"id": "i1", "text": "L’eau bout à 100 °C au niveau de la mer.", "category": "fait"},
                  {"id": "i2", "text": "Ce film est le meilleur de l’année.", "category": "opinion"}]}),
    "hotspot": (N_("Cliquer sur une image"), N_("Une ou plusieurs zones justes sur une image."), {
        "prompt": "Clique sur l’indice dans l’image.", "image": "images/image.png",
        "zones": [{"id": "z1", "x": 10, "y": 10, "w": 20, "h": 20, "correct": True}]}),
    "spot": (N_("Repérer l’indice"), N_("La partie d’un document qui cloche."), {
        "prompt": "Qu’est-ce qui cloche dans ce document ?", "document": "", "parts": ["date"]}),
    "poll": (N_("Sondage"), N_("Une opinion, sans bonne réponse ni points."), {
        "prompt": "Qu’en penses-tu ?", "options": [{"id": "a", "text": "D’accord"}, {"id": "b", "text": "Pas d’accord"}]}),
}


def choices() -> list[tuple[str, str, str, str]]:
    """(type, name, what it asks, the example's prompt) for the picker."""
    return [(kind, _(name), _(what), str(example["prompt"])) for kind, (name, what, example) in EXAMPLES.items()]


def new_puzzle(kind: str, existing: list[Any], stem: str = "q") -> dict[str, Any]:
    from .forms import fresh_id

    name, _what, example = EXAMPLES[kind]
    return {"id": fresh_id(existing, stem), "type": kind, **example}
