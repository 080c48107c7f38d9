"""SimilarPanel: "Checked before", the earlier checks that say what the current claim says.

Matches come from the core (``Store.similar_claims``) and are kept per claim until the
database changes (``Store.memory_stamp``). A look-up is done at once while look-ups are
quick (a few ms); after a change (the core may rebuild its index) or when they are slow,
it waits until the screen has drawn the move (``call_after_refresh``) and is done only
for the claim still current then, so holding ``j`` never waits on matching.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from annotator.errors import AnnotatorError
from annotator.grades.visibility import Viewer
from annotator.memory.index import MatchKind
from annotator.model import Claim
from annotator.scales import Scale
from annotator.store import SimilarClaim, Store
from annotator.tui.colours import on_background
from annotator.tui.text import safe

SHOWN = 3  # matches drawn in the panel; the rest are one key (U) away
INLINE_SECONDS = 0.005  # a look-up this quick is done at once; slower ones after the redraw


@dataclass(frozen=True)
class Recall:
    """One earlier check of a claim, with what the panel and the reuse keys need."""

    hit: SimilarClaim
    label: str  # the earlier claim's label, or the other desk's claim
    links: int  # evidence links that reuse would copy (0 for another desk's review)

    @property
    def claim_id(self) -> int | None:
        kind, ref_id = self.hit.ref
        return ref_id if kind == "claim" else None

    @property
    def is_match(self) -> bool:
        return self.hit.kind == MatchKind.MATCH

    @property
    def reusable(self) -> bool:
        return self.claim_id is not None and self.links > 0

    def origin(self) -> str:
        """Where the earlier check was made: its article, or the desk that published it."""
        if self.hit.external:
            return f"external: {self.hit.publisher or 'another desk'}"
        return f"claim {self.claim_id} in “{self.hit.article_title}”"


def recalls_for(store: Store, claim_id: int, viewer: Viewer | None = None) -> list[Recall]:
    """Matches first, then near misses, each with its label and number of links; a
    verdict only where ``viewer`` may see it (blind review)."""
    found = []
    for hit in store.similar_claims(claim_id, viewer=viewer):
        kind, ref_id = hit.ref
        if kind == "claim":
            label, links = store.get_claim(ref_id).label, len(hit.sources)
        else:
            label, links = hit.text, 0
        found.append(Recall(hit, label, links))
    return sorted(found, key=lambda r: not r.is_match)


def best_reusable(recalls: list[Recall]) -> Recall | None:
    """The best match whose evidence links can be copied (near misses never)."""
    return next((r for r in recalls if r.is_match and r.reusable), None)


def _verdict(hit: SimilarClaim, scale: Scale) -> Content:
    if hit.hidden:
        return Content("verdict hidden until you grade it").stylize("italic")
    level = scale.get(hit.verdict) if not hit.external else None
    if level is None and hit.meaning:
        level = next((lv for lv in scale.levels if lv.meaning == hit.meaning), None)
    name = hit.verdict or "no verdict"
    if level is not None and not hit.external:
        name = level.label
    return safe(name).stylize(f"bold {level.colour}" if level else "bold")


def recall_content(r: Recall, scale: Scale) -> Content:
    """One earlier check on three lines: kind and score, verdict, label; origin; reason."""
    kind = Content(f" match {r.hit.score:.0f} ").stylize("bold reverse")
    if not r.is_match:
        kind = Content(f" near miss {r.hit.score:.0f} ").stylize("reverse dim")
    label = " ".join(r.label.split())
    links = "review" if r.hit.external else f"{r.links} source{'s' if r.links != 1 else ''}"
    return Content.assemble(
        kind,
        Content(" "),
        _verdict(r.hit, scale),
        Content(" "),
        safe(label),
        Content("\n"),
        safe(f"  {r.origin()} · {links}\n").stylize("dim"),
        safe(f"  {r.hit.reason}").stylize("italic"),
    )


def similar_content(recalls: list[Recall], scale: Scale) -> Content:
    """The panel's text: a count, the first few earlier checks, the reuse keys."""
    matches = sum(r.is_match for r in recalls)
    near = len(recalls) - matches
    counts = ", ".join(
        part
        for part in (
            f"{matches} match{'es' if matches != 1 else ''}" if matches else "",
            f"{near} near miss{'es' if near != 1 else ''}" if near else "",
        )
        if part
    )
    parts = [Content("Checked before").stylize("bold"), Content(f" ({counts})\n").stylize("dim")]
    for r in recalls[:SHOWN]:
        parts += [recall_content(r, scale), Content("\n")]
    if len(recalls) > SHOWN:
        parts.append(Content(f"  {len(recalls) - SHOWN} more: U shows all\n").stylize("dim"))
    best = best_reusable(recalls)
    if best is not None:
        many = "s" if best.links != 1 else ""
        hint = f"u copies the {best.links} link{many} of claim {best.claim_id} · U chooses"
    else:
        hint = "no match with evidence links to copy · U chooses"
    parts.append(Content(hint).stylize("dim"))
    return Content.assemble(*parts)


class SimilarPanel(Static):
    """Earlier checks of the current claim; hidden when there are none."""

    DEFAULT_CSS = """
    SimilarPanel { height: auto; margin-bottom: 1; display: none; }
    SimilarPanel.-found { display: block; }
    """

    def __init__(self, store: Store, viewer: Viewer | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.store = store
        self.viewer = viewer
        self._cache: dict[int, list[Recall]] = {}
        self._stamp: int | None = None
        self._pending: int | None = None
        self._quick = False  # the last look-up was fast enough to do before drawing

    def recalls(self, claim_id: int) -> list[Recall]:
        """The earlier checks of one claim (from the cache while nothing changed)."""
        stamp = self.store.memory_stamp()
        if stamp != self._stamp:
            self._cache.clear()
            self._stamp = stamp
        if claim_id not in self._cache:
            start = time.perf_counter()
            self._cache[claim_id] = recalls_for(self.store, claim_id, self.viewer)
            self._quick = time.perf_counter() - start < INLINE_SECONDS
        return self._cache[claim_id]

    def show_claim(self, claim: Claim | None) -> None:
        """Show the earlier checks of ``claim``: at once if known, else after the redraw."""
        self._pending = claim.id if claim is not None else None
        if claim is None:
            self.set_class(False, "-found")
            return
        stamp = self.store.memory_stamp()
        if stamp == self._stamp and (claim.id in self._cache or self._quick):
            self._draw(self.recalls(claim.id))
            return
        # The database changed (the index may be rebuilt) or look-ups are slow: let the
        # screen show the move first.
        self.set_class(False, "-found")
        self.call_after_refresh(self._look_up, claim.id)

    def _look_up(self, claim_id: int) -> None:
        if claim_id != self._pending or not self.is_attached:
            return  # another claim was chosen meanwhile: only the last one is looked up
        try:
            recalls = self.recalls(claim_id)
        except AnnotatorError:  # the claim went away (merged, undone) meanwhile
            recalls = []
        self._draw(recalls)

    def _draw(self, recalls: list[Recall]) -> None:
        if recalls:
            scale = on_background(self.store.scales.verdict, self.background_colors[1])
            self.update(similar_content(recalls, scale))
        self.set_class(bool(recalls), "-found")
