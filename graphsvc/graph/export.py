"""Graph exports: GraphML and GEXF (for Gephi, yEd, Cytoscape), node-link JSON, Cytoscape.js
JSON and CSV (nodes.csv, edges.csv; safe to open in a spreadsheet: ``neutralise_csv_text``).

The ``to_*`` functions return a whole document; the ``iter_*`` ones yield it in chunks for a
streamed HTTP response. Every streamed format is written record by record (``_CHUNK`` nodes or
edges a chunk), so memory stays flat however many edges the graph has. GraphML and GEXF are
hand-rolled rather than written by networkx (which builds a flattened copy of the graph and then
the whole XML tree first): their headers declare every attribute with its type, so one cheap
pass over the graph collects names and types before the first chunk, and a second writes the
records. networkx reads the documents back into the same graph as its own writers' output, with
the same namespaces and schema locations (Gephi, yEd and Cytoscape read them as before); text
XML 1.0 cannot hold (control characters, lone surrogates) is replaced by U+FFFD.

Every function takes an optional ``deadline`` (``graphsvc.graph.deadline``), ticked per node and
edge record in every pass: a whole-graph export is the longest query the API runs. Streams are
checked as they are built; ``stream_within`` keeps the time a consumer takes to read a chunk
off the budget.

In GEXF, dated edges carry Gephi time intervals: ``start``/``end`` are the first and last day
of the event date at its precision ("2022-05" → 2022-05-01..2022-05-31), so Gephi's timeline
shows when each event was; undated edges (standing facts) are present throughout.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graphsvc.graph.deadline import Deadline, ticked
from graphsvc.graph.filters import date_interval

__all__ = [
    "EDGE_CSV_COLUMNS",
    "NODE_CSV_COLUMNS",
    "flatten_attributes",
    "iter_edges_csv",
    "iter_gexf",
    "iter_graphml",
    "iter_node_link",
    "iter_nodes_csv",
    "neutralise_csv_text",
    "to_cytoscape",
    "to_gexf",
    "to_graphml",
    "to_node_link",
]

NODE_CSV_COLUMNS = ("id", "name", "type", "country", "sector", "aliases", "roles")
EDGE_CSV_COLUMNS = (
    "key", "source", "target", "relation", "cameo", "plover", "goldstein", "quad_class", "date",
    "negated", "modality", "confidence", "symmetric", "location", "mentions", "evidence",
)
_CHUNK = 500  # records per yielded chunk

_SCALARS = (str, bool, int, float)


def flatten_attributes(data: dict[str, Any]) -> dict[str, str | bool | int | float]:
    """Attributes the XML formats can hold: lists and dicts become JSON strings, None goes."""
    flat: dict[str, str | bool | int | float] = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, _SCALARS):
            flat[name] = value
        elif isinstance(value, list | tuple | dict):
            flat[name] = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        else:
            flat[name] = str(value)
    return flat


def _check(deadline: Deadline | None) -> None:
    if deadline is not None:
        deadline.check()


# -- GraphML and GEXF -------------------------------------------------------------------------
#
# Written by hand rather than through networkx's writers, which build a flattened copy of the
# graph and then the whole XML tree before the first byte (GBs and tens of seconds at a million
# edges). The documents are the ones networkx wrote: it reads them back into the same graph.
# Declaring attribute keys up front needs every attribute's name and type, so a first pass over
# the graph (no copies) collects them; a second writes the records.

_GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_GEXF_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<gexf xmlns="http://www.gexf.net/1.2draft"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"'
    ' version="1.2">\n'
)

# What XML 1.0 cannot carry even as a character reference: C0 controls other than tab, newline
# and carriage return, lone surrogates, U+FFFE and U+FFFF. networkx writes them raw, making a
# document no parser accepts; here each becomes U+FFFD.
_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_FORBIDDEN_RE = re.compile(f"[{_FORBIDDEN}]")
_TEXT_SPECIAL = re.compile(f"[&<>\r{_FORBIDDEN}]")
_ATTR_SPECIAL = re.compile(f'[&<>"\t\n\r{_FORBIDDEN}]')


def _escape_text(text: str) -> str:
    """``text`` as XML character data. A carriage return becomes ``&#13;``: a parser turns a
    raw one into a newline."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    text = _FORBIDDEN_RE.sub("\ufffd", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _escape_attr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value. Tab, newline and carriage return become
    character references: a parser turns raw ones into spaces."""
    if _ATTR_SPECIAL.search(text) is None:
        return text
    text = _FORBIDDEN_RE.sub("\ufffd", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
            .replace("\r", "&#13;"))


# Declared attribute types; GraphML and GEXF use the same names for bool, int, float and str.
_BOOLEAN, _LONG, _DOUBLE, _STRING = "boolean", "long", "double", "string"
_GEXF_FLOATS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}


def _kind(value: Any) -> str:
    """The declared type of ``value`` (not None) once flattened (``flatten_attributes``)."""
    if isinstance(value, bool):
        return _BOOLEAN
    if isinstance(value, int):
        return _LONG
    if isinstance(value, float):
        return _DOUBLE
    return _STRING


def _declared(kinds: set[str]) -> str:
    """One type for an attribute whose values are of ``kinds``, the way networkx's
    ``infer_numeric_types`` generalises: any string makes it string, else any float double,
    else long. (Booleans among numbers are then written 1 / 0: networkx's "True" under a
    number type cannot be read back.)"""
    if len(kinds) == 1:
        return next(iter(kinds))
    if _STRING in kinds:
        return _STRING
    return _DOUBLE if _DOUBLE in kinds else _LONG


class _Columns:
    """Attribute names of one class (nodes or edges), in first-seen order, with the types
    their values take."""

    __slots__ = ("kinds",)

    def __init__(self) -> None:
        self.kinds: dict[Any, set[str]] = {}

    def see(self, data: dict[Any, Any], skip: frozenset[str] = frozenset()) -> None:
        kinds = self.kinds
        for name, value in data.items():
            if value is None or name in skip:
                continue
            kind = _kind(value)
            seen = kinds.get(name)
            if seen is None:
                kinds[name] = {kind}
            else:
                seen.add(kind)

    def declare(self, first_id: int) -> dict[Any, tuple[str, str]]:
        """name → (numeric id as text, declared type); ids count up from ``first_id``."""
        return {name: (str(first_id + index), _declared(kinds))
                for index, (name, kinds) in enumerate(self.kinds.items())}


def _value(value: Any, declared: str, gexf: bool) -> str:
    """``value`` (not None) as text under an attribute declared ``declared``, unescaped.

    Written as networkx writes it, so it reads back the same: booleans as "true" / "false"
    (under a GraphML string attribute "True" / "False"), floats by ``repr`` (GEXF spells the
    infinities and not-a-number INF / -INF / NaN), lists and dicts as JSON.
    """
    if isinstance(value, bool):
        if declared in (_LONG, _DOUBLE):
            return "1" if value else "0"
        if declared == _BOOLEAN or gexf:
            return "true" if value else "false"
        return str(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        text = repr(float(value))
        return _GEXF_FLOATS.get(text, text) if gexf else text
    if isinstance(value, str):
        return value
    return _flat_str(value)


def _flat_str(value: Any) -> str:
    """``str`` of ``value`` as ``flatten_attributes`` leaves it: lists and dicts as JSON."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _chunked(records: Iterable[str]) -> Iterator[bytes]:
    """``records`` joined and UTF-8 encoded ``_CHUNK`` at a time."""
    batch: list[str] = []
    for record in records:
        batch.append(record)
        if len(batch) >= _CHUNK:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")


def to_graphml(graph: nx.MultiDiGraph, *, deadline: Deadline | None = None) -> bytes:
    """GraphML (UTF-8); edge ids are relation keys, so a reader keeps parallel edges apart."""
    return b"".join(iter_graphml(graph, deadline=deadline))


def iter_graphml(graph: nx.MultiDiGraph, *, deadline: Deadline | None = None) -> Iterator[bytes]:
    """``to_graphml`` in chunks: the header with every ``<key>``, then nodes and edges
    ``_CHUNK`` at a time. Node ids are ``str(node)``, edge ids ``str(key)``; None attributes
    are left out, lists and dicts written as JSON text, and an attribute that is int on some
    records and float on others is one double key. Graph-level attributes are not written."""
    _check(deadline)
    node_columns, edge_columns = _Columns(), _Columns()
    for _node, data in ticked(graph.nodes(data=True), deadline):
        node_columns.see(data)
    for _u, _v, data in ticked(graph.edges(data=True), deadline):
        edge_columns.see(data)
    node_keys = {name: (f"d{number}", kind)
                 for name, (number, kind) in node_columns.declare(0).items()}
    edge_keys = {name: (f"d{number}", kind)
                 for name, (number, kind) in edge_columns.declare(len(node_keys)).items()}
    head = [_GRAPHML_HEAD]
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        head.extend(
            f'  <key id="{key_id}" for="{scope}" attr.name="{_escape_attr(str(name))}"'
            f' attr.type="{kind}" />\n'
            for name, (key_id, kind) in keys.items()
        )
    head.append(
        f'  <graph edgedefault="{"directed" if graph.is_directed() else "undirected"}">\n'
    )
    yield "".join(head).encode("utf-8")
    yield from _chunked(
        _graphml_record(f'    <node id="{_escape_attr(str(node))}"', "node", data, node_keys)
        for node, data in ticked(graph.nodes(data=True), deadline)
    )
    yield from _chunked(
        _graphml_record(
            f'    <edge source="{_escape_attr(str(u))}" target="{_escape_attr(str(v))}"'
            f' id="{_escape_attr(str(key))}"', "edge", data, edge_keys)
        for u, v, key, data in ticked(graph.edges(keys=True, data=True), deadline)
    )
    yield b"  </graph>\n</graphml>\n"


def _graphml_record(
    opening: str, tag: str, data: dict[Any, Any], keys: dict[Any, tuple[str, str]]
) -> str:
    """One ``<node>`` or ``<edge>`` element: ``opening`` (its tag and XML attributes) and a
    ``<data>`` per attribute that is not None."""
    parts = [opening, ">\n"]
    for name, value in data.items():
        if value is not None:
            key_id, kind = keys[name]
            text = _escape_text(_value(value, kind, gexf=False))
            parts.append(f'      <data key="{key_id}">{text}</data>\n')
    if len(parts) == 2:
        return opening + " />\n"
    parts.append(f"    </{tag}>\n")
    return "".join(parts)


# Attributes networkx's GEXF writer turns into XML attributes of the element, not attvalues.
_GEXF_NODE_FIELDS = frozenset({"id", "label", "pid", "start", "end"})
_GEXF_EDGE_FIELDS = frozenset(
    {"id", "label", "weight", "type", "start", "end", "key", "networkx_key"}
)


def _timeformat(value: Any) -> str:
    """GEXF ``timeformat`` of a start / end value (as networkx's writer picks it)."""
    if isinstance(value, float):
        return "double"
    if isinstance(value, int):
        return "long"
    return "date"


def to_gexf(graph: nx.MultiDiGraph, *, deadline: Deadline | None = None) -> bytes:
    """GEXF 1.2 (UTF-8); node labels are entity names, ids entity ids, dated edges have time
    intervals (``mode="dynamic"``, ``timeformat="date"``)."""
    return b"".join(iter_gexf(graph, deadline=deadline))


def iter_gexf(graph: nx.MultiDiGraph, *, deadline: Deadline | None = None) -> Iterator[bytes]:
    """``to_gexf`` in chunks: the header with the ``<attributes>`` declarations, then nodes and
    edges ``_CHUNK`` at a time.

    As networkx writes it: node ids ``str(node)`` and labels the entity name (else the id);
    edge ids are a count 0, 1, … and the relation key is the ``networkx_key`` attribute, which
    networkx reads back as the key. An edge with a ``date`` gets its ``start``/``end`` interval
    (first and last day) and makes the graph ``mode="dynamic"``. Attributes named ``id``,
    ``label``, ``pid``, ``start``, ``end`` (nodes) and ``id``, ``label``, ``weight``, ``type``
    (edges) become the GEXF element's own attributes, as with networkx; an edge's own
    ``start``/``end`` give way to its date.
    """
    _check(deadline)
    node_columns, edge_columns = _Columns(), _Columns()
    timeformat: str | None = None
    # Nodes whose "id" attribute stands in for the node id (networkx's rule; normally none).
    renamed: dict[Any, str] = {}
    for node, data in ticked(graph.nodes(data=True), deadline):
        node_columns.see(data, _GEXF_NODE_FIELDS)
        if data.get("id") is not None:
            renamed[node] = _flat_str(data["id"])
        for field in ("start", "end"):
            if data.get(field) is not None:
                timeformat = _timeformat(data[field])
    key_kinds: set[str] = set()
    taken_ids: set[str] = set()  # edge ids given by an "id" attribute: the count skips them
    for _u, _v, key, data in ticked(graph.edges(keys=True, data=True), deadline):
        edge_columns.see(data, _GEXF_EDGE_FIELDS)
        key_kinds.add(_kind(key))
        if data.get("date"):
            timeformat = "date"
        if data.get("id") is not None:
            taken_ids.add(_flat_str(data["id"]))
    if key_kinds:
        edge_columns.kinds["networkx_key"] = key_kinds
    node_attrs = node_columns.declare(0)
    edge_attrs = edge_columns.declare(len(node_attrs))

    head = [
        _GEXF_HEAD,
        f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
        "    <creator>graphsvc</creator>\n"
        "  </meta>\n",
        f'  <graph defaultedgetype="{"directed" if graph.is_directed() else "undirected"}"'
        f' mode="{"static" if timeformat is None else "dynamic"}" name=""'
        + ("" if timeformat is None else f' timeformat="{timeformat}"') + ">\n",
    ]
    for scope, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        if attrs:
            head.append(f'    <attributes mode="static" class="{scope}">\n')
            head.extend(
                f'      <attribute id="{attr_id}" title="{_escape_attr(str(name))}"'
                f' type="{kind}" />\n'
                for name, (attr_id, kind) in attrs.items()
            )
            head.append("    </attributes>\n")
    head.append("    <nodes>\n")
    yield "".join(head).encode("utf-8")

    yield from _chunked(
        _gexf_node(node, data, node_attrs)
        for node, data in ticked(graph.nodes(data=True), deadline)
    )
    yield b"    </nodes>\n    <edges>\n"
    counter = itertools.count()

    def edge_id(data: dict[Any, Any]) -> str:
        if data.get("id") is not None:
            return _flat_str(data["id"])
        while (number := str(next(counter))) in taken_ids:
            pass
        return number

    yield from _chunked(
        _gexf_edge(renamed.get(u, u), renamed.get(v, v), key, edge_id(data), data, edge_attrs)
        for u, v, key, data in ticked(graph.edges(keys=True, data=True), deadline)
    )
    yield b"    </edges>\n  </graph>\n</gexf>\n"


def _gexf_node(node: Any, data: dict[Any, Any], attrs: dict[Any, tuple[str, str]]) -> str:
    name = data.get("name")
    if name is None:
        name = data.get("label")
    label = str(node) if name is None else _flat_str(name)
    node_id = _flat_str(data["id"]) if data.get("id") is not None else str(node)
    opening = [f'      <node id="{_escape_attr(node_id)}" label="{_escape_attr(label)}"']
    for field in ("pid", "start", "end"):
        if data.get(field) is not None:
            opening.append(f' {field}="{_escape_attr(_flat_str(data[field]))}"')
    return _gexf_record("".join(opening), "node", _gexf_attvalues(data, attrs))


def _gexf_edge(
    source: Any, target: Any, key: Any, edge_id: str, data: dict[Any, Any],
    attrs: dict[Any, tuple[str, str]],
) -> str:
    opening = [f'      <edge source="{_escape_attr(str(source))}"'
               f' target="{_escape_attr(str(target))}" id="{_escape_attr(edge_id)}"']
    for field in ("label", "weight", "type"):
        if data.get(field) is not None:
            opening.append(f' {field}="{_escape_attr(_flat_str(data[field]))}"')
    if data.get("date"):
        start, end = date_interval(str(data["date"]))
        opening.append(f' start="{start}" end="{end}"')
    return _gexf_record("".join(opening), "edge",
                        _gexf_attvalues(data, attrs, key))


def _gexf_attvalues(
    data: dict[Any, Any], attrs: dict[Any, tuple[str, str]], key: Any = None
) -> list[str]:
    """``<attvalue>`` lines of ``data``'s declared attributes, then of the edge ``key``."""
    values = []
    for name, value in data.items():
        # A name missing from attrs is a field written as an XML attribute of the element.
        if value is None or name == "networkx_key" or name not in attrs:
            continue
        attr_id, kind = attrs[name]
        text = _escape_attr(_value(value, kind, gexf=True))
        values.append(f'          <attvalue for="{attr_id}" value="{text}" />\n')
    if key is not None:
        attr_id, kind = attrs["networkx_key"]
        text = _escape_attr(_value(key, kind, gexf=True))
        values.append(f'          <attvalue for="{attr_id}" value="{text}" />\n')
    return values


def _gexf_record(opening: str, tag: str, values: list[str]) -> str:
    if not values:
        return opening + " />\n"
    return (f"{opening}>\n        <attvalues>\n{''.join(values)}        </attvalues>\n"
            f"      </{tag}>\n")


def to_node_link(
    graph: nx.MultiDiGraph, *, deadline: Deadline | None = None
) -> dict[str, Any]:
    """JSON-ready node-link data: ``nodes`` with ``id``, ``edges`` with source, target, key.
    networkx builds it in one call, so ``deadline`` is checked before and after only."""
    _check(deadline)
    data: dict[str, Any] = nx.node_link_data(
        graph, source="source", target="target", name="id", key="key", edges="edges"
    )
    _check(deadline)
    return data


def iter_node_link(
    graph: nx.MultiDiGraph, *, deadline: Deadline | None = None
) -> Iterator[bytes]:
    """``to_node_link`` serialised as UTF-8 JSON, a chunk of records at a time."""
    head = {"directed": True, "multigraph": True, "graph": dict(graph.graph)}
    yield json.dumps(head, ensure_ascii=False, default=str)[:-1].encode("utf-8")
    yield b', "nodes": ['
    records = ({**data, "id": node} for node, data in ticked(graph.nodes(data=True), deadline))
    yield from _json_records(records)
    yield b'], "edges": ['
    edges = (
        {**data, "source": u, "target": v, "key": key}
        for u, v, key, data in ticked(graph.edges(keys=True, data=True), deadline)
    )
    yield from _json_records(edges)
    yield b"]}"


def _json_records(records: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    batch: list[str] = []
    first = True
    for record in records:
        batch.append(json.dumps(record, ensure_ascii=False, default=str))
        if len(batch) >= _CHUNK:
            yield (("" if first else ",") + ",".join(batch)).encode("utf-8")
            first, batch = False, []
    if batch:
        yield (("" if first else ",") + ",".join(batch)).encode("utf-8")


def to_cytoscape(
    graph: nx.MultiDiGraph, *, deadline: Deadline | None = None
) -> dict[str, Any]:
    """Cytoscape.js elements JSON: ``{"elements": {"nodes": [{"data": …}], "edges": […]}}``.

    Node data carry ``id`` (entity id), ``label`` (its name) and the node attributes; edge
    data carry ``id`` (relation key), ``source``, ``target``, ``label`` (relation) and the edge
    attributes. (``networkx.cytoscape_data`` would overwrite the entities' ``name``.)
    """
    nodes = [
        {"data": {**data, "id": node, "label": data.get("name", node)}}
        for node, data in ticked(graph.nodes(data=True), deadline)
    ]
    edges = [
        {"data": {**data, "id": key, "source": u, "target": v, "label": data.get("relation")}}
        for u, v, key, data in ticked(graph.edges(keys=True, data=True), deadline)
    ]
    return {
        "data": dict(graph.graph),
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def iter_nodes_csv(
    graph: nx.MultiDiGraph, *, deadline: Deadline | None = None
) -> Iterator[bytes]:
    """nodes.csv: one row per entity, columns ``NODE_CSV_COLUMNS``; lists are JSON text."""
    rows = (
        [_cell(node), *(_cell(data.get(column)) for column in NODE_CSV_COLUMNS[1:])]
        for node, data in ticked(graph.nodes(data=True), deadline)
    )
    yield from _csv_chunks(NODE_CSV_COLUMNS, rows)


def iter_edges_csv(
    graph: nx.MultiDiGraph, *, deadline: Deadline | None = None
) -> Iterator[bytes]:
    """edges.csv: one row per edge (source → target), columns ``EDGE_CSV_COLUMNS``; the
    evidence list is JSON text."""
    rows = (
        [_cell(key), _cell(u), _cell(v),
         *(_cell(data.get(column)) for column in EDGE_CSV_COLUMNS[3:])]
        for u, v, key, data in ticked(graph.edges(keys=True, data=True), deadline)
    )
    yield from _csv_chunks(EDGE_CSV_COLUMNS, rows)


# CSV (formula) injection, as OWASP describes it: a spreadsheet opening the file evaluates a
# cell whose text starts with = + - @, tab or carriage return, so an actor named
# "=HYPERLINK(...)" in some news text would become a live link. Such text gets a leading
# apostrophe, which makes it plain text; NUL too, as ASVS 5 lists it. Text that starts with
# an apostrophe gets one more, so a program restores every text exactly by removing one
# leading apostrophe wherever there is one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0", "'")


def neutralise_csv_text(text: str) -> str:
    """``text`` safe to open in a spreadsheet: prefixed with ``'`` when it starts with a
    formula character (or an apostrophe, so the prefix can always be taken off again)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: Any) -> str | int | float:
    """One CSV cell. Numbers stay numbers (written unquoted and never prefixed, so a
    Goldstein score of -9.5 stays -9.5); every text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple | dict):
        return neutralise_csv_text(
            json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return neutralise_csv_text(str(value))


def _csv_chunks(
    header: tuple[str, ...], rows: Iterator[list[str | int | float]]
) -> Iterator[bytes]:
    buffer = io.StringIO()
    # Every text cell in double quotes (OWASP's other half): a spreadsheet that splits on ";"
    # or a tab then cannot cut a quoted text into a cell that starts with "=".
    csv.writer(buffer, lineterminator="\n").writerow(header)  # plain names: left bare
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % _CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
