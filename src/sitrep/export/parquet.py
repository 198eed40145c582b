"""Write events as Parquet with an explicit Arrow schema, so the types survive.

`event_date` is date32, counts are int32 (nullable: None stays null), coordinates float64,
`contested` bool, `doc_ids`/`weapons` list<string>, `victims` a struct, `claims` and `evidence`
lists of structs. pandas, R arrow and DuckDB read it with these types.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.records import Event

__all__ = ["EVENT_SCHEMA", "write_parquet"]

_INT = pa.int32()
_STR = pa.string()

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", _STR),
        ("doc_ids", pa.list_(_STR)),
        ("doc_refs", pa.list_(_STR)),
        ("event_date", pa.date32()),
        ("time_precision", _INT),
        ("event_type", _STR),
        ("sub_event_type", _STR),
        ("actor1", _STR),
        ("assoc_actor_1", _STR),
        ("actor2", _STR),
        ("assoc_actor_2", _STR),
        ("inter1", _INT),
        ("inter2", _INT),
        ("interaction", _INT),
        ("country", _STR),
        ("admin1", _STR),
        ("admin2", _STR),
        ("admin3", _STR),
        ("location", _STR),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geo_precision", _INT),
        ("fatalities", _INT),
        ("fatalities_min", _INT),
        ("fatalities_max", _INT),
        ("injuries", _INT),
        (
            "victims",
            pa.struct(
                [("civilians", _INT), ("children", _INT), ("women", _INT), ("combatants", _INT)]
            ),
        ),
        ("weapons", pa.list_(_STR)),
        ("source", _STR),
        ("source_scale", _STR),
        ("notes", _STR),
        (
            "claims",
            pa.list_(
                pa.struct(
                    [
                        ("by", _STR),
                        ("by_type", _STR),
                        ("says", _STR),
                        ("stance", _STR),
                        ("alignment", _STR),
                        ("doc_id", _STR),
                        ("start", _INT),
                        ("end", _INT),
                    ]
                )
            ),
        ),
        (
            "evidence",
            pa.list_(
                pa.struct(
                    [
                        ("field", _STR),
                        ("text", _STR),
                        ("doc_id", _STR),
                        ("start", _INT),
                        ("end", _INT),
                        ("note", _STR),
                    ]
                )
            ),
        ),
        ("grade", _STR),
        ("contested", pa.bool_()),
        ("contradictions", pa.list_(_STR)),
    ]
)


def _batches(events: Iterable[Event], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for event in events:
        row = event.model_dump(mode="python")
        batch.append({name: row.get(name) for name in EVENT_SCHEMA.names})
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(
    events: Iterable[Event], out: str | Path | BinaryIO, *, batch_size: int = 10_000
) -> int:
    """Write events to a Parquet file, in row groups of `batch_size`.

    events (Iterable[Event]): the events.
    out (str | Path | BinaryIO): a path or a binary stream.
    batch_size (int): rows per row group.
    RETURNS (int): the number of rows written.
    """
    count = 0
    with pq.ParquetWriter(out, EVENT_SCHEMA, compression="zstd") as writer:
        for batch in _batches(events, batch_size):
            writer.write_table(pa.Table.from_pylist(batch, schema=EVENT_SCHEMA))
            count += len(batch)
    return count
