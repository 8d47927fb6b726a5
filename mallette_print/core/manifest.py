"""The game manifest (cards/game.yaml) as typed, frozen values: licence and attribution, fiches, families,
resource kinds, zones, tracks, parameters, and the Game itself."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt

from mallette_print.core.cardtypes import CardTypeDef
from mallette_print.core.fields import AssetPath, Colour, Id, LangCode, Strict, Text, Url

YEAR_MIN, YEAR_MAX = 1900, 2200  # a game's year (`mallette new --year` takes the same range)


class Licence(Strict):
    id: str = "CC-BY-SA-4.0"
    name: str = "CC BY-SA 4.0"
    url: Url = "https://creativecommons.org/licenses/by-sa/4.0/"


class Attribution(Strict):
    """A work this game is adapted from (TASL: title, author, source, licence)."""

    title: Text
    authors: list[str] = Field(min_length=1)
    source_url: Url
    licence: Licence = Licence()
    year: StrictInt | None = None
    changes: Text | None = None


class Fiche(Strict):
    """One of the kit's pedagogical sheets; cards link to it with a QR code."""

    id: Id
    number: StrictInt = Field(ge=1, le=99)
    title: Text
    short: Text | None = None
    slug: str | None = None
    url: Url | None = None


class Fiches(Strict):
    base_url: Url
    items: list[Fiche] = Field(min_length=1)


class Family(Strict):
    """An actor family: shown by a colour band AND an icon AND a label."""

    id: Id
    label: Text
    colour: Colour
    icon: AssetPath
    pattern: Literal["none", "dots", "stripes", "grid", "waves", "checks", "cross"] = "none"


class ResourceKind(Strict):
    id: Id
    label: Text
    colour: Colour
    icon: AssetPath
    description: Text | None = None


class Zone(Strict):
    id: Id
    label: Text
    colour: Colour
    icon: AssetPath | None = None
    pattern: Literal["none", "dots", "stripes", "grid", "waves", "checks", "cross"] = "none"
    description: Text | None = None


class Track(Strict):
    id: Id
    label: Text
    min: StrictInt = 0
    max: StrictInt = Field(default=10, ge=1, le=50)
    start: StrictInt = 0
    danger: StrictInt | None = None
    colour: Colour = "#000000"
    icon: AssetPath | None = None


class Parameters(Strict):
    """Game numbers; the rulebook and the simulator read them from here."""

    players_min: StrictInt = Field(default=3, ge=1, le=12)
    players_max: StrictInt = Field(default=6, ge=1, le=12)
    rounds: StrictInt = Field(default=8, ge=1, le=50)
    actions_per_turn: StrictInt = Field(default=3, ge=1, le=10)
    hand_size: StrictInt = Field(default=3, ge=0, le=20)
    actors_per_player: StrictInt = Field(default=1, ge=1, le=4)
    challenges_to_win: StrictInt = Field(default=3, ge=1, le=50)
    open_challenges: StrictInt = Field(default=3, ge=1, le=20)
    fragility_start: StrictInt = Field(default=0, ge=0, le=50)
    fragility_max: StrictInt = Field(default=10, ge=1, le=50)
    fragility_per_unsolved: StrictInt = Field(default=1, ge=0, le=10)
    hybridisation_min_kinds: StrictInt = Field(default=2, ge=1, le=5)
    events_per_round: StrictInt = Field(default=1, ge=0, le=5)
    # Escalation: from this Fragility on, `events_when_alert` events are drawn each round.
    fragility_alert: StrictInt = Field(default=7, ge=1, le=50)
    events_when_alert: StrictInt = Field(default=2, ge=0, le=5)
    # Fragility added at the end of a round for each shared track standing at 0.
    fragility_per_empty_track: StrictInt = Field(default=1, ge=0, le=10)
    # Most resource cards one actor may hold at the end of a turn.
    resource_limit: StrictInt = Field(default=5, ge=1, le=30)
    # Small-table variant: at players_min, each player plays small_table_actors actors with
    # small_table_actions actions for them together.
    small_table_actors: StrictInt = Field(default=2, ge=1, le=4)
    small_table_actions: StrictInt = Field(default=4, ge=1, le=10)
    # Challenges to win by the number of actors on the board (players x actors each): more actors cover
    # more families, so cooperations are easier to gather. A table needs the entry of the most actors not
    # above its own ({5: 6, 6: 8}: 6 from 5 actors on, 8 from 6 on), and challenges_to_win with fewer actors.
    challenges_to_win_by_actors: dict[Annotated[int, Field(ge=1, le=48)], Annotated[StrictInt, Field(ge=1, le=50)]] = (
        Field(default={}, json_schema_extra={"propertyNames": {"pattern": "^[1-9][0-9]?$"}})
    )
    welcome_minutes: StrictInt = Field(default=10, ge=0, le=600)
    rules_minutes: StrictInt = Field(default=15, ge=0, le=600)
    play_minutes: StrictInt = Field(default=70, ge=5, le=600)
    debrief_minutes: StrictInt = Field(default=40, ge=5, le=600)

    def actors_on_board(self, players: int) -> int:
        """Actors on the board at a table of `players` (the small-table variant at players_min)."""
        return players * (self.small_table_actors if players == self.players_min else self.actors_per_player)

    def challenges_needed(self, actors: int) -> int:
        """Challenges to win with `actors` on the board: the entry of the most actors not above it."""
        steps = [need for count, need in sorted(self.challenges_to_win_by_actors.items()) if count <= actors]
        return steps[-1] if steps else self.challenges_to_win


class FontFiles(Strict):
    """A font family of the game (TTF or OTF files in the game folder, TrueType outlines): its regular file, and
    bold, italic and bold italic files when it has them (a style it lacks is set in its regular). `licence` names
    the font's licence when neither assets/CREDITS nor a licence file beside the font records it."""

    regular: AssetPath
    bold: AssetPath | None = None
    italic: AssetPath | None = None
    bold_italic: AssetPath | None = None
    licence: str | None = Field(default=None, min_length=3, max_length=200)

    def files(self) -> dict[str, str]:
        """style -> path, for the styles the family has."""
        styles = ("regular", "bold", "italic", "bold_italic")
        return {k: str(getattr(self, k)) for k in styles if getattr(self, k) is not None}


class Fonts(Strict):
    """Fonts beside the family: `fallback` fonts (TTF or OTF files in the game folder, TrueType outlines) whose
    glyphs are used, in order, for the characters the family cannot draw; `families`, the game's own fonts by
    name, for templates' texts (`font:`)."""

    fallback: list[AssetPath] = Field(default=[], max_length=8)
    families: dict[Id, FontFiles] = Field(default={}, max_length=16)

    def paths(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every font file named (fallbacks, then the families' styles), with where it is written in game.yaml."""
        out: list[tuple[tuple[str | int, ...], str]] = [
            (("fonts", "fallback", i), f) for i, f in enumerate(self.fallback)
        ]
        for name, family in self.families.items():
            out += [(("fonts", "families", name, style), path) for style, path in family.files().items()]
        return out


class ActorSet(Strict):
    """A recommended set of actors for one table size: a name that tells its territory, and the actor ids."""

    name: Text
    actors: list[Id] = Field(min_length=1, max_length=48)


class Setup(Strict):
    """How the actors of a table are chosen. `sets`: per table size, the recommended actor sets (a table picks one
    or rolls a die); `required_families`: the families a table of each size must have, all actors of different
    families while families go round (with sets, a check of every set). The rulebook prints them and the
    simulator deals by them."""

    required_families: dict[Annotated[int, Field(ge=1, le=12)], list[Id]] = Field(
        default={}, json_schema_extra={"propertyNames": {"pattern": "^[1-9][0-2]?$"}}
    )
    sets: dict[Annotated[int, Field(ge=1, le=12)], list[ActorSet]] = Field(
        default={}, json_schema_extra={"propertyNames": {"pattern": "^[1-9][0-2]?$"}}
    )

    def required(self, players: int) -> list[Id]:
        """The families a table of `players` must have (none listed: any families)."""
        return self.required_families.get(players, [])

    def set_paths(self) -> list[tuple[str, tuple[str | int, ...]]]:
        """(location key, path in game.yaml) of every set, for located messages: `setup:sets:N:I`."""
        return [
            (f"setup:sets:{n}:{i}", ("setup", "sets", str(n), i)) for n, v in self.sets.items() for i in range(len(v))
        ]

    def sets_for(self, players: int) -> list[ActorSet]:
        """The recommended actor sets of a table of `players` (none: actors by the families rule)."""
        return self.sets.get(players, [])


class Game(Strict):
    """cards/game.yaml: everything about the game that is not a card."""

    title: Text
    subtitle: Text | None = None
    version: str = Field(min_length=1, max_length=20)
    year: StrictInt = Field(ge=YEAR_MIN, le=YEAR_MAX)
    licensor: str
    authors: list[str] = Field(min_length=1)
    notice: str | None = None
    licence: Licence = Licence()
    source_url: Url
    rules_url: Url | None = None
    adapted_from: list[Attribution] = []
    languages: list[LangCode] = Field(min_length=1)
    default_language: LangCode = "fr"
    # Where a missing text is taken from, per language, before the default language: {es: [pt]} (docs/translators.md).
    fallback: dict[LangCode, list[LangCode]] = {}
    fiches: Fiches
    families: list[Family] = Field(min_length=1)
    resource_kinds: list[ResourceKind] = Field(min_length=1)
    zones: list[Zone] = Field(min_length=1)
    tracks: list[Track] = Field(min_length=1)
    fragility_track: Id = "fragilite"
    parameters: Parameters = Parameters()
    setup: Setup = Setup()
    templates: AssetPath = "templates.yaml"
    decks: list[AssetPath] = Field(min_length=1)
    # The game's own card types, by name (core/cardtypes.py), besides the six built-in ones.
    card_types: dict[Id, CardTypeDef] = {}
    font: AssetPath | None = None
    fonts: Fonts = Fonts()
