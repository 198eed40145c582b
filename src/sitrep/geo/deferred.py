"""Which country's deferred small places (data/more/<CC>.tsv.gz) have a name, without loading
them: a compact table of name-key hashes, `data/more/key_countries.bin`, written by
tools/build_gazetteer.py. A name unknown to the eagerly loaded gazetteer ("near Zaporozhets")
can then vote for the one country whose villages have it (sitrep.geo.hints.focus_country).

File layout: one ASCII line of the country codes ("AD,AE,...\\n"), a little-endian uint32
count n, n sorted uint32 CRC-32 hashes of the keys, then n bytes: the index of the key's
country in that line, or 255 when several countries (or a hash collision) share it.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["deferred_country", "key_hash", "write_key_countries"]

SEVERAL = 255
PACKAGED = "data/more/key_countries.bin"


def key_hash(key: str) -> int:
    """The stable 32-bit hash of a name key (CRC-32 of its UTF-8 bytes)."""
    return zlib.crc32(key.encode("utf-8"))


def write_key_countries(path: Path, pairs: Iterable[tuple[str, str]]) -> int:
    """Write the table of (name key, country) pairs; return the number of hashes."""
    owner: dict[int, str] = {}
    for key, country in pairs:
        h = key_hash(key)
        known = owner.get(h)
        owner[h] = country if known in (None, country) else ""
    countries = sorted({c for c in owner.values() if c})
    position = {c: k for k, c in enumerate(countries)}
    hashes = array("I", sorted(owner))
    codes = bytes(position[owner[h]] if owner[h] else SEVERAL for h in hashes)
    if hashes.itemsize != 4:  # pragma: no cover - every platform CPython runs on has 4
        raise RuntimeError("array('I') is not 32-bit here")
    with open(path, "wb") as handle:
        handle.write((",".join(countries) + "\n").encode("ascii"))
        handle.write(struct.pack("<I", len(hashes)))
        handle.write(hashes.tobytes())
        handle.write(codes)
    return len(hashes)


@lru_cache(maxsize=1)
def _table() -> tuple[list[str], array, bytes]:
    """The packaged table, read once (about 3 MB; empty when the file is missing)."""
    resource = resources.files("sitrep.geo").joinpath(PACKAGED)
    if not resource.is_file():
        return [], array("I"), b""
    data = resource.read_bytes()
    end = data.index(b"\n")
    countries = data[:end].decode("ascii").split(",")
    (n,) = struct.unpack_from("<I", data, end + 1)
    start = end + 5
    hashes = array("I")
    hashes.frombytes(data[start : start + 4 * n])
    return countries, hashes, data[start + 4 * n : start + 5 * n]


def deferred_country(key: str) -> str | None:
    """The one country whose deferred small places have a name with this key, else None."""
    countries, hashes, codes = _table()
    h = key_hash(key)
    k = bisect_left(hashes, h)
    if k == len(hashes) or hashes[k] != h or codes[k] == SEVERAL:
        return None
    return countries[codes[k]]
