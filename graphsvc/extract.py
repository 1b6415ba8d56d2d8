"""Text in, records out: the NLP side (extract → resolve → code) behind one call.

``Extractor.extract(doc)`` parses with spaCy (plus the gazetteer component), resolves actors,
reads events from the parse, codes them with the ontology, adds standing facts (leader_of,
member_of, part_of) and merges repeated reports of one event into one relation with several
pieces of evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from graphsvc import ontology
from graphsvc.gazetteer import Gazetteer, load_gazetteer
from graphsvc.nlp.events import RawEvent, find_events
from graphsvc.nlp.pipeline import load_pipeline
from graphsvc.nlp.resolve import Resolution, resolve_actors
from graphsvc.records import (
    Document,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    Role,
    check_partial_date,
    check_unicode,
)
from graphsvc.settings import Settings

__all__ = ["EXTRACTOR_VERSION", "Extractor", "roles_in_force"]

EXTRACTOR_VERSION = "graphsvc-0.1.0"

# Entity kinds kept in an extraction only when an event uses them: the small model's guesses at
# organisations and places that no gazetteer knows are too noisy to be graph nodes on their own.
_ONLY_IF_USED = frozenset({"unlisted"})


def roles_in_force(entity: Entity, on: str | None) -> list[Role]:
    """Roles whose date range contains ``on`` (partial ISO dates compare as prefixes)."""
    if on is None:
        return [r for r in entity.roles if r.end is None]
    kept: list[Role] = []
    for role in entity.roles:
        if role.start and role.start[: len(on)] > on:
            continue
        if role.end and role.end < on[: len(role.end)]:
            continue
        kept.append(role)
    return kept


class Extractor:
    """Loads the spaCy pipeline once (name from ``Settings.spacy_model``) and reads documents.

    Raises ``graphsvc.errors.ModelMissing`` naming GRAPHSVC_SPACY_MODEL when the model is absent.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp: Language = load_pipeline(self.settings.spacy_model,
                                           self.settings.territory_policy)
        self.gazetteer: Gazetteer = load_gazetteer(self.settings.territory_policy)
        self.symmetric = frozenset(t.label for t in ontology.event_types() if t.symmetric)

    def extract(self, doc: Document) -> Extraction:
        """Raises ``BadInput`` for text spaCy cannot take (lone surrogates)."""
        check_unicode(doc)
        return self._read(doc, self.nlp(doc.text))

    def extract_many(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        """Stream of extractions in input order; spaCy parses in batches, nothing is held."""
        for spacy_doc, doc in self.nlp.pipe(((d.text, d) for d in _checked(docs)),
                                            as_tuples=True, batch_size=batch_size):
            yield self._read(doc, spacy_doc)

    # ------------------------------------------------------------------ stages
    def _read(self, doc: Document, parsed: Doc) -> Extraction:
        res = resolve_actors(parsed, self.gazetteer, doc.date)
        raw = find_events(parsed, res, doc.date, self.symmetric, self.gazetteer)
        relations = self._code(doc, raw)
        relations.extend(self._facts(doc, parsed, res))
        relations = _merge(relations)
        used = {r.source for r in relations} | {r.target for r in relations} | {
            r.location for r in relations if r.location}
        keep = {
            m.entity_id for m in res.mentions if m.kind not in _ONLY_IF_USED
        } | {m.participant_id for m in res.mentions if m.kind not in _ONLY_IF_USED} | used
        entities = [e for e in res.iter_entities() if e.id in keep]
        mentions = self._mentions(doc, parsed, res, {e.id for e in entities})
        outlet, dateline = _source(parsed)
        return Extraction(id=doc.id, date=doc.date, outlet=outlet, dateline=dateline,
                          entities=entities, relations=relations, mentions=mentions)

    def _evidence(self, doc: Document, sentence: Span, trigger: str | None) -> Evidence:
        # spaCy hangs paragraph breaks on the sentence before them; evidence is the words only.
        raw = sentence.text
        text = raw.strip()
        start = sentence.start_char + (len(raw) - len(raw.lstrip()))
        return Evidence(doc_id=doc.id, sentence=text, start=start, end=start + len(text),
                        trigger=trigger, extractor_version=EXTRACTOR_VERSION)

    def _code(self, doc: Document, raw: list[RawEvent]) -> list[Relation]:
        relations = []
        for event in raw:
            etype = ontology.event_type(event.label)
            relations.append(Relation(
                source=event.source, target=event.target, relation=etype.label,
                cameo=etype.cameo, plover=etype.plover, goldstein=etype.goldstein,
                quad_class=etype.quad_class, date=_in_range(event.date), negated=event.negated,
                modality=event.modality,  # type: ignore[arg-type]
                confidence=event.confidence, symmetric=etype.symmetric,
                location=event.location,
                evidence=[self._evidence(doc, event.sentence, event.trigger)],
            ))
        return relations

    def _facts(self, doc: Document, parsed: Doc, res: Resolution) -> list[Relation]:
        """leader_of / member_of for people in office on the document date; part_of for regions
        and sub-state actors. Evidence is the first sentence naming the subject."""
        first_sentence: dict[str, Span] = {}
        for mention in res.mentions:
            if mention.entity_id not in first_sentence:
                first_sentence[mention.entity_id] = parsed[mention.start].sent
        facts: list[Relation] = []
        for entity in list(res.iter_entities()):
            sentence = first_sentence.get(entity.id)
            if sentence is None:
                continue
            pairs: list[tuple[str, str]] = []
            if entity.type == "PERSON":
                pairs.extend((r.relation, r.target) for r in roles_in_force(entity, doc.date)
                             if r.relation in ontology.labels())
            part_of = res.part_of.get(entity.id)
            # A city's state is its country attribute; the contested regions and the sub-state
            # actors are where part_of says something an analyst needs.
            if part_of and entity.type != "CITY":
                pairs.append(("part_of", part_of))
            for label, target in pairs:
                if target not in res.entities:
                    entry = self.gazetteer.get(target)
                    if entry is None:
                        continue
                    res.add_entry(entry)
                etype = ontology.event_type(label)
                facts.append(Relation(
                    source=entity.id, target=target, relation=label, confidence=0.9,
                    evidence=[self._evidence(doc, sentence, None)], symmetric=etype.symmetric,
                ))
        return facts

    def _mentions(self, doc: Document, parsed: Doc, res: Resolution,
                  kept: set[str]) -> list[Mention]:
        sentence_index = {s.start: i for i, s in enumerate(parsed.sents)}
        out: list[Mention] = []
        for m in res.mentions:
            if m.entity_id not in kept:
                continue
            span = parsed[m.start:m.end]
            out.append(Mention(
                doc_id=doc.id, entity_id=m.entity_id,
                sentence_index=sentence_index[span.sent.start],
                start=span.start_char, end=span.end_char, text=span.text,
                label=span[0].ent_type_ or m.kind.upper(),
            ))
        return out


def _source(parsed: Doc) -> tuple[str | None, str | None]:
    """(outlet, dateline place) from ``graphsvc_media``'s extensions (None, None without it).

    The outlet is the dateline credit's when no outlet is named before the dateline (then it is
    the first in ``doc._.outlets``, which keeps order of mention); else the only outlet named.
    Several outlets and no such credit: not clear which published the story, so None.
    """
    if not (Doc.has_extension("outlets") and Doc.has_extension("dateline")):
        return None, None
    outlets: list[str] = parsed._.outlets or []
    line = parsed._.dateline
    spans = parsed._.media_spans if Doc.has_extension("media_spans") else []
    named = [(s, e) for s, e, kind in spans or [] if kind == "outlet"]
    outlet = outlets[0] if len(outlets) == 1 else None
    if line is not None and outlets:
        credited = any(line["start"] <= s and e <= line["end"] for s, e in named)
        if credited and not any(e <= line["start"] for _, e in named):
            outlet = outlets[0]
    return outlet, (line["place"] or None) if line is not None else None


def _in_range(event_date: str | None) -> str | None:
    """The event date, or None when it breaks the date rule (``records.DATE_RULE``): reading
    "tomorrow" or "9999 days ago" against a publication date near the ends of the accepted
    years, or "0999-05-01" written in the text, lands outside it. Undated beats a refused
    document."""
    try:
        return check_partial_date(event_date)
    except ValueError:
        return None


def _checked(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        check_unicode(doc)
        yield doc


def _merge(relations: list[Relation]) -> list[Relation]:
    """One relation per event of a document.

    Reports with the same key merge (evidence concatenated, confidence the best single report).
    An undated report of an act the document also dates exactly once ("arrived in Paris on
    Monday … her visit to France") is that dated act; with two dated candidates it stays apart.
    """
    merged: dict[str, Relation] = {}
    # Per merged key, the evidence it already holds (as _evidence_key tuples): the membership
    # test stays O(1) however many reports of one event a long document carries.
    seen: dict[str, set[tuple[object, ...]]] = {}
    for rel in relations:
        _fold(merged, seen, rel.key, rel)
    dated: dict[tuple[str | bool, ...], list[str]] = {}
    for key, rel in merged.items():
        if rel.date is not None:
            dated.setdefault(_undated_key(rel), []).append(key)
    for key in [k for k, rel in merged.items() if rel.date is None]:
        candidates = dated.get(_undated_key(merged[key]), [])
        if len(candidates) == 1:
            seen.pop(key, None)
            _fold(merged, seen, candidates[0], merged.pop(key))
    return list(merged.values())


def _undated_key(rel: Relation) -> tuple[str | bool, ...]:
    ends = tuple(sorted((rel.source, rel.target))) if rel.symmetric else (rel.source, rel.target)
    return (*ends, rel.relation, rel.negated, rel.modality)


_EVIDENCE_FIELDS = tuple(Evidence.model_fields)


def _evidence_key(evidence: Evidence) -> tuple[object, ...]:
    """Hashable stand-in for ``Evidence.__eq__``: equal keys exactly when the records are equal."""
    return tuple(getattr(evidence, name) for name in _EVIDENCE_FIELDS)


def _fold(merged: dict[str, Relation], seen: dict[str, set[tuple[object, ...]]], key: str,
          rel: Relation) -> None:
    """Merge ``rel`` into ``merged[key]``: evidence it does not hold yet appended in order (a
    repeat inside ``rel.evidence`` too), confidence the best of the two."""
    have = merged.get(key)
    if have is None:
        merged[key] = rel
        seen[key] = {_evidence_key(e) for e in rel.evidence}
        return
    held = seen[key]
    for e in rel.evidence:
        k = _evidence_key(e)
        if k not in held:
            held.add(k)
            have.evidence.append(e)
    have.confidence = max(have.confidence, rel.confidence)
