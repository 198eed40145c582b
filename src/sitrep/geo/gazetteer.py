"""The gazetteer: place entries and their name keys, loaded once per process.

The packaged file `data/gazetteer.tsv.gz` (built by tools/build_gazetteer.py from Who's On
First, GeoNames codes, the Syrian Archive list, OCHA shapes and the curated table) holds one
entry per line with its precomputed keys, so loading is parsing, not normalising. A user
extension (`sitrep gazetteer import`) in the same format is merged when present.
"""

from __future__ import annotations

import gc
import gzip
import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.geo.distance import approx_km, haversine_km

__all__ = [
    "Entry",
    "Gazetteer",
    "load_gazetteer",
    "user_gazetteer_path",
    "read_entries",
    "write_entries",
    "COLUMNS",
    "PRECISION",
    "haversine_km",
    "approx_km",
    "display_names",
]

COLUMNS = (
    "id",
    "name",
    "placetype",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geonames_id",
    "prominence",
    "source",
    "keys",
    "case_keys",
    "admin3",
    "pcode",
)
# the keys and case_keys columns, counted from the end of a line (line.rsplit("\t", TAIL))
TAIL = len(COLUMNS) - COLUMNS.index("keys")

# ACLED geo_precision by placetype: 1 the place itself, 2 an area/part of a region, 3 a region.
PRECISION: dict[str, int] = {
    "country": 3,
    "region": 3,
    "county": 3,
    "localadmin": 2,
    "area": 2,
    "road": 2,
}


@dataclass(slots=True)
class Entry:
    """One gazetteer place.

    id: "wof:<id>", "sa:<pk>", "cur:<slug>", "adm1:SY:<pcode>", "country:<iso2>", "gn:<id>"...
    keys: name keys (sitrep.geo.normalise.name_key) of every name; case_keys: keys that may be
    matched in lower case ("3,000 project", "Castello road").
    admin1/admin2/admin3: the names analysts use (data/admin_names.tsv; OCHA's for Syria);
    pcode: OCHA's p-code of a Syrian community (C1234) or neighbourhood (N0123), else None.
    prominence: a size prior (how many names the place has in all languages, or a population
    class for imported GeoNames rows).
    """

    id: str
    name: str
    placetype: str
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: str | None = None
    prominence: int = 1
    source: str = ""
    keys: tuple[str, ...] = ()
    case_keys: tuple[str, ...] = ()
    admin3: str | None = None
    pcode: str | None = None

    @property
    def precision(self) -> int:
        """ACLED geo_precision of the entry itself (1 town/neighbourhood/landmark)."""
        return PRECISION.get(self.placetype, 1)

    def to_row(self) -> list[str]:
        """Return the entry as the columns of the TSV file."""
        return [
            self.id,
            self.name,
            self.placetype,
            self.country,
            self.admin1 or "",
            self.admin2 or "",
            "" if self.latitude is None else f"{self.latitude:.5f}",
            "" if self.longitude is None else f"{self.longitude:.5f}",
            self.geonames_id or "",
            str(self.prominence),
            self.source,
            "|".join(self.keys),
            "|".join(self.case_keys),
            self.admin3 or "",
            self.pcode or "",
        ]

    @classmethod
    def from_row(cls, row: list[str]) -> Entry:
        """Build an entry from the columns of the TSV file (see COLUMNS)."""
        return cls(
            id=row[0],
            name=row[1],
            placetype=row[2],
            country=row[3],
            admin1=row[4] or None,
            admin2=row[5] or None,
            latitude=float(row[6]) if row[6] else None,
            longitude=float(row[7]) if row[7] else None,
            geonames_id=row[8] or None,
            prominence=int(row[9] or 1),
            source=row[10],
            keys=tuple(row[11].split("|")) if row[11] else (),
            case_keys=tuple(row[12].split("|")) if len(row) > 12 and row[12] else (),
            admin3=row[13] or None if len(row) > 13 else None,
            pcode=row[14] or None if len(row) > 14 else None,
        )


def read_entries(path: Path | str) -> Iterator[Entry]:
    """Read entries from a gazetteer TSV (gzip when the name ends in .gz); header line first.

    path (Path | str): the file.
    RETURNS (Iterator[Entry]): its entries.
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            yield from _parse(handle)
    except (OSError, ValueError, IndexError) as exc:
        raise GazetteerError(f"Cannot read gazetteer file {path}: {exc}", code="E401") from exc


def _parse(handle: Iterable[str]) -> Iterator[Entry]:
    lines = iter(handle)
    next(lines, None)  # header
    for line in lines:
        if line.strip():
            yield Entry.from_row(line.rstrip("\n").split("\t"))


def write_entries(path: Path | str, entries: Iterable[Entry]) -> int:
    """Write entries as a gazetteer TSV (gzip when the name ends in .gz).

    path (Path | str): the file to (over)write.
    entries (Iterable[Entry]): what to write.
    RETURNS (int): how many entries were written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write("\t".join(COLUMNS) + "\n")
    count = 0
    for entry in entries:
        buffer.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in entry.to_row()))
        buffer.write("\n")
        count += 1
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as handle:
            handle.write(data)
    else:
        path.write_bytes(data)
    return count


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk build of the gazetteer's indexes, then
    move what exists to its permanent generation (gc.freeze): the indexes hold no cycles and
    live as long as the process, and full collections over their millions of lists took
    half the time of a load and ~0.5 s every few hundred texts of geocoding."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


_Thirds = dict[tuple[int, str], list[str]]
# how many countries' extended copies (Gazetteer.with_more) a process keeps at once
KEEP_EXTENDED = 6
# one-edit lookups are answered by generating the variants until they have cost about what
# building the index of thirds costs (~12 us a key, ~0.6 us a variant): then the index is built
ONE_EDIT_VARIANTS_PER_KEY = 20


def _one_edit(key: str, alphabet: str) -> set[str]:
    """Return every string one deletion, substitution or insertion away from `key` (and it)."""
    out = {key}
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        if tail:
            out.add(head + tail[1:])
            for ch in alphabet:
                out.add(head + ch + tail[1:])
        for ch in alphabet:
            out.add(head + ch + tail)
    return out


def _third_parts(text: str, m: int) -> tuple[str, str, str]:
    """Return the prefix a+b, the suffix b+c and a + "\\0" + c of `text`, cut as a string of
    length m (the shorter of a pair) would be cut into thirds a|b|c."""
    p1, p2 = m // 3, (2 * m) // 3
    size = len(text)
    return (
        "<" + text[:p2],
        ">" + text[size - (m - p1) :],
        "=" + text[:p1] + "\0" + text[size - (m - p2) :],
    )


@dataclass
class Gazetteer:
    """Entries indexed by name key.

    Entries of the packaged file stay as raw TSV lines until a lookup needs them, so loading
    only builds the key index. index: key -> positions; case_index: keys that may be matched
    in lower case.
    """

    index: dict[str, list[int]] = field(default_factory=dict)
    case_index: set[str] = field(default_factory=set)
    max_words: int = 1
    _lines: list[str] = field(default_factory=list)
    _parsed: dict[int, Entry] = field(default_factory=dict)
    _grid: dict[tuple[int, int], list[int]] | None = None
    _skeletons: dict[str, list[str]] | None = None
    _more: list[Path | str] = field(default_factory=list)
    _alphabet: tuple[int, str] | None = None
    _thirds: tuple[int, _Thirds] | None = None
    _lookups: tuple[int, dict[str, list[Entry]]] = (-1, {})
    memo: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)
    _memo_size: int = -1
    _full: dict[str, Gazetteer] = field(default_factory=dict, repr=False, compare=False)
    # the index's lists are shared with the gazetteer this one was copied from (with_more):
    # they are replaced, never changed in place
    _shared_buckets: bool = False
    # an extended copy's base (with_more) and the base's key count then: the copy's skeleton
    # index starts from the base's instead of being rebuilt
    _base: tuple[Gazetteer, int] | None = field(default=None, repr=False, compare=False)
    _one_edit_work: int = 0

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Gazetteer:
        """Build a gazetteer from entries.

        entries (Iterable[Entry]): the places.
        RETURNS (Gazetteer): indexed.
        """
        gazetteer = cls()
        gazetteer.extend(entries)
        return gazetteer

    @classmethod
    def from_tsv_text(cls, text: str) -> Gazetteer:
        """Build a gazetteer from the text of a gazetteer TSV (header line first).

        text (str): the decompressed file.
        RETURNS (Gazetteer): indexed, entries parsed on demand.
        """
        gazetteer = cls()
        lines = text.split("\n")[1:]
        if lines and not lines[-1]:
            lines.pop()
        gazetteer._lines = lines
        index = gazetteer.index
        case_index = gazetteer.case_index
        for position, line in enumerate(lines):
            parts = line.rsplit("\t", TAIL)
            for key in parts[1].split("|"):
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [position]
                else:
                    bucket.append(position)
            if parts[2]:
                case_index.update(parts[2].split("|"))
        index.pop("", None)
        gazetteer.max_words = max((k.count(" ") + 1 for k in index), default=1)
        return gazetteer

    def with_more(self, country: str | None = None) -> Gazetteer:
        """Return this gazetteer plus the deferred part of a country (its small villages).

        The result is a separate gazetteer, built once per country and kept: this one is never
        changed, so a Syria text reads the same candidates whatever texts the process geocoded
        before it.
        country (str | None): ISO2 code; None adds every deferred part (tools and tests).
        RETURNS (Gazetteer): self when nothing is deferred for it, else the extended copy.
        """
        wanted = [s for s in self._more if country is None or _part_country(s) == country]
        if not wanted:
            return self
        label = country or "*"
        found = self._full.pop(label, None)
        if found is None:
            while len(self._full) >= KEEP_EXTENDED:  # bound the memory: drop the oldest
                self._full.pop(next(iter(self._full)))
            found = Gazetteer(
                index=dict(self.index),  # the lists are shared: extending copies a list
                case_index=set(self.case_index),
                max_words=self.max_words,
                _lines=list(self._lines),
                _parsed=dict(self._parsed),
                _more=wanted,
                _shared_buckets=True,
                _base=(self, len(self.index)),
            )
            found.load_more()  # the collector is paused there
        self._full[label] = found  # most recently used last
        return found

    def defers(self) -> bool:
        """Whether some country's small places are still deferred (not indexed here)."""
        return bool(self._more)

    def load_more(self) -> bool:
        """Index every deferred part into this gazetteer.

        RETURNS (bool): True when something was added.
        """
        if not self._more:
            return False
        pending, self._more = self._more, []
        with _no_gc():
            self._load_parts(pending)
        return True

    def _load_parts(self, pending: list[Path | str]) -> None:
        for source in pending:
            if isinstance(source, str) and source.startswith("package:"):
                resource = resources.files("sitrep.geo").joinpath(source[len("package:") :])
                with resource.open("rb") as raw:
                    text = gzip.decompress(raw.read()).decode("utf-8")
                self.extend_text(text)
            else:
                self.extend(read_entries(source))

    def extend_text(self, text: str) -> None:
        """Add the entries of a gazetteer TSV's text (header first), parsed on demand."""
        other = Gazetteer.from_tsv_text(text)
        offset = len(self._lines)
        self._lines.extend(other._lines)
        for key, positions in other.index.items():
            bucket = self.index.get(key)
            shifted = [p + offset for p in positions]
            if bucket is None:
                self.index[key] = shifted
            else:
                self.index[key] = bucket + shifted  # never in place (shared buckets)
        self.case_index |= other.case_index
        self.max_words = max(self.max_words, other.max_words)
        self._grid = None
        self._lookups = (-1, {})
        self._skeletons = None  # rebuilt on next need (an extended copy's from its base's)

    def entry(self, position: int) -> Entry:
        """Return the entry at a position of the index."""
        found = self._parsed.get(position)
        if found is None:
            found = Entry.from_row(self._lines[position].split("\t"))
            self._parsed[position] = found
        return found

    @property
    def entries(self) -> list[Entry]:
        """Every entry (parses the whole file: for tools and tests, not the hot path)."""
        return [self.entry(i) for i in range(len(self._lines))]

    def extend(self, entries: Iterable[Entry]) -> None:
        """Add entries (a user extension) to the index."""
        index = self.index
        for entry in entries:
            position = len(self._lines)
            self._lines.append("")
            self._parsed[position] = entry
            for key in entry.keys:
                if self._shared_buckets:
                    index[key] = [*index.get(key, ()), position]
                else:
                    index.setdefault(key, []).append(position)
                self.max_words = max(self.max_words, key.count(" ") + 1)
            self.case_index.update(entry.case_keys)
        self._grid = None
        self._skeletons = None
        self._lookups = (-1, {})
        self._full = {}  # rebuilt with these entries on next need

    def lookup(self, key: str) -> list[Entry]:
        """Return the entries having a name with this key (see sitrep.geo.normalise.name_key).

        The list is memoised per key (until the index grows): callers must not change it.
        """
        memo = self._lookups
        if memo[0] != len(self.index) + len(self._lines):
            memo = self._lookups = (len(self.index) + len(self._lines), {})
        found = memo[1].get(key)
        if found is None:
            found = memo[1][key] = [self.entry(i) for i in self.index.get(key, ())]
        return found

    def memo_for(self, name: str) -> dict:
        """Return a scratch memo of the geocoder's (e.g. fuzzy matches), emptied when the
        gazetteer grows; entries must not outlive the gazetteer they were computed from."""
        size = len(self._lines) + len(self.index)
        if self._memo_size != size:
            self.memo.clear()
            self._memo_size = size
        found = self.memo.get(name)
        if found is None:
            found = self.memo[name] = {}
        return found

    def countries_of(self, key: str) -> frozenset[str]:
        """Return the countries of the entries having a name with this key."""
        memo = self.memo_for("countries")
        found = memo.get(key)
        if found is None:
            found = memo[key] = frozenset(e.country for e in self.lookup(key))
        return found

    def skeleton_keys(self, skeleton: str) -> list[str]:
        """Return the index keys whose consonant skeleton is `skeleton` (index built on first use).

        skeleton (str): a key from sitrep.geo.normalise.skeleton_key.
        RETURNS (list[str]): keys of the index with that skeleton.
        """
        if self._skeletons is None:
            with _no_gc():
                self._skeletons = self._skeleton_table()
        return self._skeletons.get(skeleton, [])

    def _unchanged_base(self) -> Gazetteer | None:
        """The gazetteer this extended copy was made from (with_more), if its index has not
        grown since: the copy's keys are then its keys followed by the copy's own."""
        if self._base is None or len(self._base[0].index) != self._base[1]:
            return None
        return self._base[0]

    def _skeleton_table(self) -> dict[str, list[str]]:
        """Build {skeleton: keys in index order}. An extended copy (with_more) starts from its
        base's table and adds its own keys (which follow the base's in index order): the same
        table as a rebuild over every key, without recomputing the base's ~200k skeletons."""
        from sitrep.geo.normalise import skeleton_keys_of

        base = self._unchanged_base()
        if base is None:
            table: dict[str, list[str]] = {}
            keys = list(self.index)
        else:
            base.skeleton_keys("")  # builds the base's table once
            assert base._skeletons is not None
            table = dict(base._skeletons)  # lists shared with the base: copied before a change
            keys = [key for key in self.index if key not in base.index]
        shared = set(table)
        get = table.get
        for key, skeleton in zip(keys, skeleton_keys_of(keys), strict=True):
            bucket = get(skeleton)
            if bucket is None:
                table[skeleton] = [key]
            elif skeleton in shared:
                table[skeleton] = [*bucket, key]
                shared.discard(skeleton)
            else:
                bucket.append(key)
        return table

    def one_edit_keys(self, key: str, *, latin: bool = False) -> set[str]:
        """Return index keys that may be one edit from `key`: a superset of the keys of 4+
        characters within one insertion, deletion or change (callers check each).

        Calls generate the variants of `key` until they have generated ONE_EDIT_VARIANTS_PER_KEY
        variants per index key (about the CPU of the index: ~5,000 calls of Latin keys, some
        thousands of texts); later calls use the index of thirds (index_one_edits(), ~2 s CPU
        once). Both find the same keys of 4+ characters one edit away.
        latin (bool): only Latin (ASCII) keys are wanted (fewer variants to generate).
        """
        thirds = self._thirds
        if thirds is None or thirds[0] != len(self.index):
            if self._one_edit_work < ONE_EDIT_VARIANTS_PER_KEY * len(self.index):
                return set(self._one_edit_variants(key, latin))
            thirds = self.index_one_edits()
        table = thirds[1]
        n = len(key)
        found: set[str] = set()
        for size in (n - 1, n, n + 1):
            if size >= 1:
                for part in _third_parts(key, min(n, size)):
                    found.update(table.get((size, part), ()))
        return found

    def _one_edit_variants(self, key: str, latin: bool) -> frozenset[str]:
        """The index keys among the variants of `key` (memoised per key while the index is
        unchanged: a misspelt name recurs across texts)."""
        memo = self.memo_for("one_edit")
        found = memo.get((key, latin))
        if found is None:
            alphabet = self.alphabet()
            if latin:
                alphabet = "".join(ch for ch in alphabet if ch.isascii())
            variants = _one_edit(key, alphabet)
            self._one_edit_work += len(variants)
            if len(memo) >= 4096:
                memo.clear()
            found = memo[(key, latin)] = frozenset(v for v in variants if v in self.index)
        return found

    def index_one_edits(self) -> tuple[int, _Thirds]:
        """Build (or return) the index of thirds of the keys of 4+ characters.

        Cut the shorter of two strings one insertion, deletion or change apart into thirds
        a|b|c: the edit falls in one third, so the two strings share the prefix a+b, or the
        suffix b+c, or both a and c (pigeonhole). A dict from those parts to keys finds every
        key one edit away without generating the variants.
        """
        thirds = self._thirds
        if thirds is None or thirds[0] != len(self.index):
            with _no_gc():
                thirds = self._thirds = (len(self.index), self._build_thirds())
        return thirds

    def _build_thirds(self) -> _Thirds:
        table: _Thirds = {}
        for other in self.index:
            size = len(other)
            if size < 4:
                continue  # fuzzy matching takes names of 5+ letters
            for m in (size, size - 1):
                for part in _third_parts(other, m):
                    bucket = table.setdefault((size, part), [])
                    if not bucket or bucket[-1] != other:
                        bucket.append(other)
        return table

    def alphabet(self) -> str:
        """Return every character used in the index keys (memoised until the index grows)."""
        if self._alphabet is None or self._alphabet[0] != len(self.index):
            chars: set[str] = set()
            base = self._unchanged_base()
            if base is None:
                keys: Iterable[str] = self.index
            else:  # an extended copy: the base's letters and those of its own keys
                chars.update(base.alphabet())
                keys = (key for key in self.index if key not in base.index)
            for key in keys:
                chars.update(key)
            self._alphabet = (len(self.index), "".join(sorted(chars)))
        return self._alphabet[1]

    def __contains__(self, key: object) -> bool:
        return key in self.index

    def __len__(self) -> int:
        return len(self._lines)

    def by_id(self, entry_id: str) -> Entry | None:
        """Return the entry with this id, or None (a linear scan: for tests and tools)."""
        prefix = entry_id + "\t"
        for i, line in enumerate(self._lines):
            if line.startswith(prefix) or (not line and self.entry(i).id == entry_id):
                return self.entry(i)
        return None

    def near(self, lat: float, lon: float, km: float) -> list[Entry]:
        """Return the entries within `km` of a point (a 0.1-degree grid, built on first use)."""
        found = []
        for i in self.cells(lat, lon, km):
            entry = self.entry(i)
            assert entry.latitude is not None and entry.longitude is not None
            if approx_km(lat, lon, entry.latitude, entry.longitude) <= km:
                found.append(entry)
        return found

    def _build_grid(self) -> dict[tuple[int, int], list[int]]:
        """The positions of the entries by 0.1-degree cell."""
        grid: dict[tuple[int, int], list[int]] = {}
        for i, line in enumerate(self._lines):
            if line:
                fields = line.split("\t", 8)
                y, x = fields[6], fields[7]
            else:
                parsed = self._parsed[i]
                y = "" if parsed.latitude is None else str(parsed.latitude)
                x = "" if parsed.longitude is None else str(parsed.longitude)
            if y and x:
                grid.setdefault((int(float(y) * 10), int(float(x) * 10)), []).append(i)
        return grid

    def cells(self, lat: float, lon: float, km: float) -> Iterator[int]:
        """Yield the positions of the entries in the grid cells covering `km` around a point.

        A superset of near(): callers that filter by name first check the distance last.
        """
        if self._grid is None:
            with _no_gc():
                self._grid = self._build_grid()
        reach = int(km / 9) + 1
        row, col = int(lat * 10), int(lon * 10)
        grid_get = self._grid.get
        for r in range(row - reach, row + reach + 1):
            for c in range(col - reach, col + reach + 1):
                yield from grid_get((r, c), ())


def _part_country(source: Path | str) -> str:
    """Return the country of a deferred part ("package:data/more/YE.tsv.gz" -> "YE")."""
    return Path(str(source)).name.split(".")[0]


def user_gazetteer_path() -> Path:
    """Return where `sitrep gazetteer import` keeps the user's extension.

    RETURNS (Path): config geo.user_gazetteer (env SITREP_GEO_USER_GAZETTEER) if set, else
        user_gazetteer.tsv in the user data dir.
    """
    from sitrep.config import load_config

    configured = os.environ.get("SITREP_GEO_USER_GAZETTEER") or str(
        load_config().get("geo", {}).get("user_gazetteer") or ""
    )
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sitrep")) / "user_gazetteer.tsv"


@lru_cache(maxsize=1)
def display_names() -> dict[str, str]:
    """Return {entry id: preferred display name} from data/display_names.tsv.

    The common English spelling ("al-Mashhad") where a source writes a rarer one ("Mashad"):
    geocode() puts it in Place.name, and it is matched as a name of the entry too.
    RETURNS (dict[str, str]): the curated display names.
    """
    text = resources.files("sitrep.geo").joinpath("data/display_names.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0] and fields[1]:
            out[fields[0]] = fields[1]
    return out


def _add_display_keys(gazetteer: Gazetteer) -> None:
    """Index the display names of data/display_names.tsv as names of their entries."""
    from sitrep.geo.normalise import name_key

    names = display_names()
    for position, line in enumerate(gazetteer._lines):
        entry_id = line.partition("\t")[0]
        if entry_id in names:
            bucket = gazetteer.index.setdefault(name_key(names[entry_id]), [])
            if position not in bucket:
                bucket.append(position)


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None, *, user: bool = True) -> Gazetteer:
    """Load the packaged gazetteer (plus the user's extension), once per process.

    Each country's small places (data/more/<CC>.tsv.gz) are indexed on first need
    (Gazetteer.with_more(country), a separate extended copy used by geocode/resolve for a
    text about that country, so Syria results never depend on what was read before).

    path (str | None): a gazetteer TSV(.gz) to load instead of the packaged one.
    user (bool): also merge the user extension (user_gazetteer_path()) when it exists.
    RETURNS (Gazetteer): the indexed places.
    """
    if path is None:
        resource = resources.files("sitrep.geo").joinpath("data/gazetteer.tsv.gz")
        if not resource.is_file():
            raise GazetteerError(
                "The packaged gazetteer is missing; run `python tools/build_gazetteer.py`.",
                code="E402",
            )
        with resource.open("rb") as raw, _no_gc():
            gazetteer = Gazetteer.from_tsv_text(gzip.decompress(raw.read()).decode("utf-8"))
        _add_display_keys(gazetteer)
        more = resources.files("sitrep.geo").joinpath("data/more")
        if more.is_dir():
            names = sorted(p.name for p in more.iterdir() if p.name.endswith(".tsv.gz"))
            gazetteer._more.extend(f"package:data/more/{name}" for name in names)
    else:
        gazetteer = Gazetteer.from_entries(read_entries(path))
    if user:
        extension = user_gazetteer_path()
        if extension.is_file():
            gazetteer.extend(read_entries(extension))
    return gazetteer
