"""The fixed words of the generated rulebook sections, per language (English is the fallback).

Numbers and lists never live here: they come from the data (rulebook_content.py).
`{name}` fields are filled with str.format by the renderer.
"""

from __future__ import annotations

import re

WORDS: dict[str, dict[str, str]] = {
    "contents": {"fr": "Sommaire", "en": "Contents"},
    "version": {"fr": "Version {version}", "en": "Version {version}"},
    "page": {"fr": "Page {n}", "en": "Page {n}"},
    "facts": {"fr": "{players} joueur·euses et un·e animateur·ice · {play}\u00a0min de jeu + {debrief}\u00a0min de débrief",
              "en": "{players} players and a facilitator · {play}\u00a0min of play + {debrief}\u00a0min of debrief"},
    "cover_licence": {"fr": "Jeu libre sous licence {licence} : copiez-le, adaptez-le, partagez-le en citant la source.",
                      "en": "A free game under {licence}: copy it, adapt it, share it, crediting the source."},
    # components
    "components": {"fr": "Matériel", "en": "Components"},
    "components_intro": {"fr": "Le jeu compte {total} cartes en {decks} paquets, un plateau et des pions.",
                         "en": "The game has {total} cards in {decks} decks, a board and markers."},
    "deck": {"fr": "Paquet", "en": "Deck"},
    "distinct": {"fr": "Cartes différentes", "en": "Different cards"},
    "copies": {"fr": "Cartes à imprimer", "en": "Cards to print"},
    "total": {"fr": "Total", "en": "Total"},
    "also": {"fr": "Il vous faut aussi :", "en": "You also need:"},
    "board_item": {"fr": "le plateau du territoire ({zones} zones) ;", "en": "the territory board ({zones} zones);"},
    "markers_item": {"fr": "{n} pions de piste, un par piste : {names} ;",
                     "en": "{n} track markers, one per track: {names};"},
    "round_item": {"fr": "1 pion pour le compte-tours ({rounds} tours).",
                   "en": "1 marker for the round track ({rounds} rounds)."},
    # anatomy
    "anatomy": {"fr": "Anatomie des cartes", "en": "Card anatomy"},
    "anatomy_intro": {"fr": "Une vraie carte de chaque paquet, telle qu'elle sort de l'imprimante.",
                      "en": "One real card from each deck, as it comes out of the printer."},
    "a_band_family": {"fr": "Bandeau : famille d'acteur (couleur, motif, icône, nom)",
                      "en": "Band: actor family (colour, pattern, icon, name)"},
    "a_band_kind": {"fr": "Bandeau : nature de la ressource (couleur, icône, nom)",
                    "en": "Band: kind of resource (colour, icon, name)"},
    "a_band_type": {"fr": "Bandeau : type de carte (couleur, motif, icône)",
                    "en": "Band: card type (colour, pattern, icon)"},
    "a_title": {"fr": "Nom de la carte", "en": "Card name"},
    "a_body": {"fr": "Texte : {fields}", "en": "Text: {fields}"},
    "a_fiche": {"fr": "Fiche de la mallette et son QR code", "en": "The kit's fiche and its QR code"},
    "a_notice": {"fr": "Licence et référence de la carte", "en": "Licence and card reference"},
    "f_description": {"fr": "description", "en": "description"},
    "f_resources": {"fr": "ressources", "en": "resources"},
    "f_ability": {"fr": "capacité", "en": "ability"},
    "f_zone": {"fr": "zone", "en": "zone"},
    "f_zones": {"fr": "zones touchées", "en": "zones hit"},
    "f_value": {"fr": "valeur", "en": "value"},
    "f_fragile": {"fr": "fragilité", "en": "fragility"},
    "f_families": {"fr": "familles requises", "en": "families required"},
    "f_effects": {"fr": "effets sur les pistes", "en": "effects on the tracks"},
    "f_example": {"fr": "exemple réel", "en": "real example"},
    "f_issue": {"fr": "enjeu", "en": "issue"},
    "f_solved_by": {"fr": "ce qui le relève", "en": "what solves it"},
    "f_reward": {"fr": "récompense", "en": "reward"},
    "f_deadline": {"fr": "échéance", "en": "deadline"},
    "f_question": {"fr": "question de débrief", "en": "debrief question"},
    "f_effect": {"fr": "effet", "en": "effect"},
    "f_tracks": {"fr": "pistes", "en": "tracks"},
    "f_fragility": {"fr": "fragilité", "en": "fragility"},
    "f_definition": {"fr": "définition", "en": "definition"},
    # facilitator guide
    "facilitator": {"fr": "Guide d'animation", "en": "Facilitator guide"},
    "plan": {"fr": "Déroulé de la séance", "en": "Session plan"},
    "plan_intro": {"fr": "Prévoyez {total} minutes en tout. Les durées viennent des paramètres du jeu.",
                   "en": "Allow {total} minutes in all. The timings come from the game's parameters."},
    "step": {"fr": "Étape", "en": "Step"},
    "when": {"fr": "Horaire", "en": "Time"},
    "minutes": {"fr": "Durée", "en": "Length"},
    "what": {"fr": "Ce qui se passe", "en": "What happens"},
    "min": {"fr": "{n}\u00a0min", "en": "{n}\u00a0min"},
    "welcome": {"fr": "Accueil", "en": "Welcome"},
    "welcome_what": {"fr": "Tour de prénoms ; chacun·e dit d'où il ou elle vient et ce qu'il ou elle attend.",
                     "en": "Round of names; everyone says where they come from and what they expect."},
    "rules": {"fr": "Règles", "en": "Rules"},
    "rules_what": {"fr": "Présentez le but, le plateau et un tour de jeu ; jouez le premier tour ensemble.",
                   "en": "Present the goal, the board and one round; play the first round together."},
    "play": {"fr": "Partie", "en": "Play"},
    "play_what": {"fr": "{rounds} tours ; l'animateur·ice tient le temps et note les moments forts pour le débrief.",
                  "en": "{rounds} rounds; the facilitator keeps time and notes key moments for the debrief."},
    "debrief": {"fr": "Débrief", "en": "Debrief"},
    "debrief_what": {"fr": "Quatre temps : émotions, récit, notions, transfert (voir ci-dessous).",
                     "en": "Four steps: feelings, story, notions, transfer (see below)."},
    "debrief_title": {"fr": "Conduire le débrief", "en": "Running the debrief"},
    "debrief_intro": {"fr": "Les questions ci-dessous sont celles imprimées sur les cartes : posez d'abord celles des "
                            "cartes sorties pendant la partie.",
                      "en": "The questions below are the ones printed on the cards: ask first those of the cards "
                            "that came up during the game."},
    "phase_emotions": {"fr": "1. Les émotions", "en": "1. Feelings"},
    "phase_emotions_what": {"fr": "Un tour de table, un mot chacun·e : comment vous sentez-vous en sortant de la partie ? "
                                  "Qu'est-ce qui vous a surpris, agacé, réjoui ?",
                            "en": "One round, one word each: how do you feel coming out of the game? What surprised, "
                                  "annoyed or pleased you?"},
    "phase_story": {"fr": "2. Le récit de la partie", "en": "2. The story of the game"},
    "phase_story_what": {"fr": "Reconstituez ensemble ce qui s'est passé, tour après tour, à partir des événements.",
                         "en": "Rebuild together what happened, round after round, starting from the events."},
    "phase_notions": {"fr": "3. Relire la partie avec les notions", "en": "3. Reading the game with the notions"},
    "phase_notions_what": {"fr": "Posez les cartes Notion sur la table ; chacune renvoie à une fiche de la mallette.",
                           "en": "Lay the Notion cards on the table; each one points to a fiche of the kit."},
    "phase_transfer": {"fr": "4. Le transfert", "en": "4. Transfer"},
    "phase_transfer_what": {"fr": "Revenez à votre territoire : « Quelle coopération manque chez nous ? »",
                            "en": "Come back to your own territory: “Which cooperation is missing where we live?”"},
    # fiches
    "fiches": {"fr": "Les fiches de la mallette", "en": "The kit's fiches"},
    "fiches_intro": {"fr": "Les {n} fiches pédagogiques de la mallette approfondissent les notions du jeu. Scannez le "
                           "code ou tapez l'adresse.",
                     "en": "The kit's {n} fiches go deeper into the notions of the game. Scan the code or type the "
                           "address."},
    "fiche": {"fr": "Fiche", "en": "Fiche"},
    "cited_by": {"fr": "Cartes : {cards}", "en": "Cards: {cards}"},
    "not_cited": {"fr": "Aucune carte n'y renvoie encore.", "en": "No card points to it yet."},
    "qr": {"fr": "QR code", "en": "QR code"},
    # print guide
    "print": {"fr": "Guide d'impression", "en": "Printing guide"},
    "scale_title": {"fr": "1. Imprimez à 100\u00a0%", "en": "1. Print at 100%"},
    "scale_text": {"fr": "Choisissez « taille réelle » ou « 100\u00a0% », jamais « ajuster à la page ». Le carré ci-contre "
                         "doit mesurer exactement 50\u00a0mm de côté ; sinon les cartes ne seront pas à la bonne taille.",
                   "en": "Choose “actual size” or “100%”, never “fit to page”. The square opposite must measure "
                         "exactly 50\u00a0mm a side; otherwise the cards will come out at the wrong size."},
    "square": {"fr": "50\u00a0mm", "en": "50\u00a0mm"},
    "files_title": {"fr": "2. Quoi imprimer, et comment", "en": "2. What to print, and how"},
    "files_intro": {"fr": "Voici les fichiers produits par cette construction ({paper}).",
                    "en": "These are the files this build produced ({paper})."},
    "file": {"fr": "Fichier", "en": "File"},
    "how": {"fr": "Comment l'imprimer", "en": "How to print it"},
    "pages": {"fr": "Pages", "en": "Pages"},
    "sheets": {"fr": "Feuilles", "en": "Sheets"},
    "how_rulebook": {"fr": "Recto verso, retournement sur le bord long, à 100 %.",
                     "en": "Double-sided, flip on the long edge, at 100%."},
    "how_booklet": {"fr": "Recto verso, retournement sur le bord court, à 100 % ; pliez la pile en deux et agrafez au pli.",
                    "en": "Double-sided, flip on the short edge, at 100%; fold the stack in half and staple on the fold."},
    "duplex_title": {"fr": "3. Recto verso et calage", "en": "3. Double-sided printing and alignment"},
    "duplex_text": {"fr": "Imprimez d'abord duplex-calibration.pdf (ou une seule feuille de cartes) en recto verso et "
                          "regardez-la par transparence : le dos doit tomber sous le recto. S'il est décalé de quelques millimètres, mesurez le décalage "
                          "et reconstruisez avec --offset dx,dy (en mm) ; si les dos sont à l'envers, essayez "
                          "--duplex short. Les dos n'ont pas de cadre près du bord : un décalage de 1 à 2\u00a0mm ne se voit pas.",
                    "en": "First print duplex-calibration.pdf (or a single card sheet) double-sided and hold it against "
                          "the light: the back must sit under the front. If it is off by a few millimetres, measure the shift and rebuild with "
                          "--offset dx,dy (in mm); if the backs are upside down, try --duplex short. Backs have no frame "
                          "near the edge, so a 1–2\u00a0mm shift does not show."},
    "cut_title": {"fr": "4. Ordre de découpe", "en": "4. Cutting order"},
    "cut_1": {"fr": "Coupez d'abord les longues lignes qui traversent toute la feuille, en vous guidant sur les traits "
                    "de coupe dans la marge (un massicot ou une règle et un cutter).",
              "en": "First cut the long lines across the whole sheet, lining up on the cut marks in the margin (a paper "
                    "trimmer, or a ruler and a craft knife)."},
    "cut_2": {"fr": "Coupez ensuite chaque bande dans l'autre sens.", "en": "Then cut each strip the other way."},
    "cut_3": {"fr": "Triez les cartes par dos et comptez-les avec le tableau « Matériel ».",
              "en": "Sort the cards by their backs and count them against the Components table."},
    "cut_4": {"fr": "Le plateau : assemblez les feuilles en superposant les marques de repérage, puis scotchez au dos.",
              "en": "The board: join the sheets by overlapping the registration marks, then tape them at the back."},
    # credits
    "credits": {"fr": "Crédits et licence", "en": "Credits and licence"},
    "work": {"fr": "L'œuvre", "en": "The work"},
    "w_title": {"fr": "Titre", "en": "Title"},
    "w_authors": {"fr": "Auteur·ices", "en": "Authors"},
    "w_source": {"fr": "Source", "en": "Source"},
    "w_licence": {"fr": "Licence", "en": "Licence"},
    "w_version": {"fr": "Version", "en": "Version"},
    "licence_text": {"fr": "Ce jeu est publié sous licence {licence}. Vous pouvez le copier, le distribuer, l'adapter, "
                           "y compris à des fins commerciales, à condition de créditer l'œuvre (titre, auteur·ices, "
                           "source, licence), d'indiquer vos modifications et de partager votre version sous la même "
                           "licence.",
                     "en": "This game is published under {licence}. You may copy, distribute and adapt it, including "
                           "commercially, as long as you credit the work (title, authors, source, licence), say what "
                           "you changed and share your version under the same licence."},
    "how_to_credit": {"fr": "Pour créditer ce jeu", "en": "How to credit this game"},
    "adapted": {"fr": "Adapté de", "en": "Adapted from"},
    "changes": {"fr": "Modifications : {text}", "en": "Changes: {text}"},
    "assets_credits": {"fr": "Polices et icônes", "en": "Fonts and icons"},
    "no_assets_credits": {"fr": "Aucun fichier assets/CREDITS.", "en": "No assets/CREDITS file."},
    "software": {"fr": "Mis en page avec mallette-print (code sous licence MIT).",
                 "en": "Typeset with mallette-print (code under the MIT licence)."},
}


def french_spacing(text: str) -> str:
    """No-break spaces before ; : ! ? » and after « (U+00A0: reportlab breaks at U+202F)."""
    return re.sub(r" ([;:!?»])", "\u00a0\\1", re.sub(r"« ", "«\u00a0", text))


def word(key: str, lang: str, **fields: object) -> str:
    """A fixed phrase in `lang` (English when missing), with its `{fields}` filled."""
    entry = WORDS[key]
    text = entry.get(lang) or entry["en"]
    text = text.format(**fields) if fields else text
    return french_spacing(text) if lang == "fr" else text
