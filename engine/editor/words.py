"""Every word the editor's pages show, in French, translated through the catalogs.

Templates name them (``{{ t.undo }}``) instead of holding text, so that Babel, which
reads the Python code, extracts them with the rest of Sésame's messages.
"""

from __future__ import annotations

from ..i18n import N_, _

WORDS = {
    "editor": N_("Éditeur de jeux Sésame"),
    "home": N_("Mes jeux"),
    "my_games": N_("Mes jeux"),
    "no_games": N_("Vous n’avez pas encore de jeu : partez d’un modèle ci-dessous."),
    "edit": N_("Modifier"),
    "new_game": N_("Créer un jeu"),
    "new_game_help": N_("Chaque modèle est un petit jeu complet qui fonctionne : changez-le à votre idée."),
    "title": N_("Titre du jeu"),
    "genre": N_("Genre"),
    "create": N_("Créer"),
    "genre_quiz": N_("Quiz : des questions à la suite"),
    "genre_escape": N_("Escape game : des salles, des objets, des cadenas"),
    "genre_challenge": N_("Défi : des manches, des équipes"),
    "adapt_title": N_("Adapter un jeu fourni"),
    "adapt_help": N_("Une copie du jeu, avec un nouvel identifiant, que vous pouvez changer librement."),
    "adapt": N_("Adapter"),
    "import_title": N_("Importer un jeu reçu (.sesame) ou une banque de questions Moodle (.gift)"),
    "import": N_("Importer"),
    "choose_file": N_("Fichier .sesame ou .gift"),
    "undo": N_("Annuler"),
    "redo": N_("Rétablir"),
    "try": N_("Essayer"),
    "try_here": N_("Essayer d’ici"),
    "preview": N_("Aperçu, dessiné par Sésame comme les élèves le verront"),
    "preview_none": N_("L’aperçu viendra quand le document sera lisible (voir ce qu’il reste à faire)."),
    "place_title": N_("Les objets et les sorties sur l’image"),
    "place_help": N_("Choisissez un objet ou une sortie, puis tracez sa zone sur l’image avec la souris. "
                     "Faites glisser une zone pour la déplacer, son coin en bas à droite pour changer sa taille."),
    "place_keys_help": N_("Au clavier : Tab atteint chaque zone ; les flèches la déplacent, Maj + flèches "
                          "changent sa taille. Les nombres en pourcentage de l’image suivent, dans le "
                          "formulaire plus bas, et s’y tapent aussi."),
    "place_object": N_("Objet ou sortie à placer"),
    "place_center": N_("Mettre sa zone au milieu de l’image"),
    "not_placed": N_("pas encore placé"),
    "kind_object": N_("Objet"),
    "kind_exit": N_("Sortie"),
    "zone_role": N_("zone déplaçable"),
    "zone_keys": N_("Flèches : déplacer. Maj + flèches : changer la taille."),
    "zone_object": N_("l’objet « {label} »"),
    "zone_exit": N_("la sortie « {label} »"),
    "zone_state": N_("Zone de {what} : à {x} % du bord gauche et {y} % du haut, {w} % de large et {h} % de haut."),
    "zone_small": N_("La zone de {what} est petite : {pw} × {ph} px sur un écran de {screen}, moins que "
                     "les {min} px qu’il faut pour la toucher du doigt. Le jeu l’agrandira autour de son "
                     "centre ; agrandissez-la plutôt pour qu’elle couvre ce qu’elle montre."),
    "zones_unplaced": N_("Sans zone : {names}. Tant qu’un objet n’a pas de zone, la salle s’affiche en "
                         "liste, sans son image ; une sortie sans zone devient un bouton sous l’image."),
    "replace_title": N_("Un jeu porte déjà cet identifiant"),
    "replace_help": N_("Remplacer met votre version actuelle de côté (elle n’est pas effacée) "
                       "et installe celle du paquet."),
    "replace": N_("Remplacer"),
    "yours": N_("Votre version"),
    "incoming": N_("Celle du paquet"),
    "keep_mine": N_("Garder la mienne"),
    "version": N_("Version"),
    "summary": N_("Résumé"),
    "count_puzzles": N_("Questions et énigmes"),
    "count_rooms": N_("Salles"),
    "changed": N_("Modifié le"),
    "guide": N_("Guide d’animation"),
    "share": N_("Partager"),
    "walkthrough": N_("Écrire le parcours gagnant"),
    "saved": N_("Enregistré"),
    "saving": N_("Enregistrement…"),
    "not_saved": N_("Non enregistré"),
    "the_game": N_("Le jeu"),
    "checklist": N_("Ce qu’il reste à faire"),
    "all_good": N_("Rien à corriger : le jeu est prêt."),
    "errors": N_("À corriger"),
    "warnings": N_("À vérifier"),
    "solvable": N_("Le jeu peut être fini"),
    "unsolvable": N_("Le jeu ne peut pas être fini"),
    "not_checked": N_("La solution sera cherchée quand les erreurs seront corrigées."),
    "go_there": N_("Aller au champ"),
    "add": N_("Ajouter"),
    "remove": N_("Retirer"),
    "up": N_("Monter"),
    "down": N_("Descendre"),
    "drag": N_("Glisser pour déplacer"),
    "open": N_("Ouvrir"),
    "empty_list": N_("La liste est vide."),
    "yes": N_("Oui"),
    "no": N_("Non"),
    "unset": N_("— (non renseigné)"),
    "yaml_help": N_("Écrit en YAML (par exemple « fr: Bonjour »)."),
    "pick_type": N_("Quel type de question ?"),
    "cancel": N_("Fermer"),
    "add_image": N_("Ajouter une image"),
    "drop_image": N_("ou déposez une image ici"),
    "draw_help": N_("Tracez une zone sur l’image avec la souris : elle est ajoutée aux zones. Faites glisser "
                    "une zone pour la déplacer, son coin en bas à droite pour changer sa taille."),
    "zones_title": N_("Les zones sur l’image"),
    "zone_add_center": N_("Ajouter une zone au milieu de l’image"),
    "hotspot_state": N_("Zone {what} : à {x} % du bord gauche et {y} % du haut, {w} % de large et {h} % de haut."),
    "zone_right": N_("bonne réponse"),
    "other_editor": N_("Attention : ce jeu est aussi ouvert dans un autre éditeur. "
                       "Les changements de l’un peuvent écraser ceux de l’autre."),
    "skip": N_("Aller au formulaire"),
    "section": N_("Parties du jeu"),
    "file_problem": N_("Ce fichier ne peut pas être lu ; corrigez-le dans un éditeur de texte :"),
    "elements": N_("éléments"),
    "more": N_("Plus de réglages"),
}


class Words:
    """``t.undo`` in a template: the word in the current language."""

    def __getattr__(self, name: str) -> str:
        return _(WORDS[name])


SECTIONS = {
    "sources": N_("Sources"),
    "skills": N_("Compétences"),
    "puzzles": N_("Questions et énigmes"),
    "documents": N_("Documents"),
    "items": N_("Objets d’inventaire"),
    "rooms": N_("Salles"),
    "triggers": N_("Déclencheurs"),
    "endings": N_("Fins"),
}
SECTIONS_BY_GENRE = {
    "quiz": ("puzzles", "sources", "skills", "documents", "endings"),
    "challenge": ("puzzles", "sources", "skills", "documents", "endings"),
    "escape": ("rooms", "puzzles", "documents", "items", "triggers", "endings", "sources", "skills"),
}


def section_title(key: str) -> str:
    return _(SECTIONS.get(key, key))
