"""Poll one watched source: a feed (URL or file) or a folder, into the items it holds now.

Polling only reads; which items are new is decided against the store by the watcher.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.fetch import FetchPolicy, fetch
from sitrep.ingest.reader import _folder_files  # the files `read_inputs` reads in a folder
from sitrep.ingest.web import feed_documents
from sitrep.records import Document
from sitrep.store.feeds import NewItem
from sitrep.watch.canonical import canonical_url

__all__ = ["FeedPoll", "poll_feed", "poll_folder", "source_kind", "entry_item"]


@dataclass
class FeedPoll:
    """What one poll of a feed returned.

    items (list[NewItem]): every usable entry, with its canonical item key.
    etag, last_modified (str | None): validators for the next (conditional) poll.
    not_modified (bool): nothing changed since the last poll (HTTP 304, or the file's mtime).
    problems (list[str]): entries that could not be read (too short, empty), one line each.
    """

    items: list[NewItem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    problems: list[str] = field(default_factory=list)


def source_kind(source: str) -> str:
    """Return "feed" for a URL or a file, "folder" for a folder; InputError if it is neither."""
    if source.startswith(("http://", "https://")):
        return "feed"
    path = Path(source).expanduser()
    if path.is_dir():
        return "folder"
    if path.is_file():
        return "feed"
    raise InputError(f"{source}: no such feed URL, file or folder.", code="E100")


def entry_item(doc: Document, source: str) -> str:
    """The canonical key of a feed entry: its link without tracking, else its id, else its text."""
    if doc.url:
        return canonical_url(doc.url)
    if doc.ref and not doc.ref.startswith(f"{source} entry "):
        return "id:" + doc.ref
    return "text:" + doc.id


def _empty_feed(body: bytes) -> bool:
    """True for a well-formed RSS/Atom feed without entries (nothing new, not a failure)."""
    import feedparser

    parsed = feedparser.parse(body)
    return bool(parsed.get("version")) and not parsed.entries and not parsed.get("bozo")


def _feed_bytes(
    source: str, policy: FetchPolicy, etag: str | None, last_modified: str | None
) -> tuple[bytes | None, str | None, str | None]:
    """The feed's body (None: not modified) and its new validators."""
    if source.startswith(("http://", "https://")):
        result = fetch(source, policy, etag=etag, last_modified=last_modified)
        if result.not_modified:
            return None, etag, last_modified
        return result.body, result.etag, result.last_modified
    path = Path(source).expanduser()
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror}).", code="E100") from None
    stamp = f"{stat.st_mtime_ns}:{stat.st_size}"
    if stamp == last_modified:
        return None, None, stamp
    if stat.st_size > policy.max_bytes:
        raise InputError(
            f"{source}: the file is {stat.st_size:,} bytes, over the limit of "
            f"{policy.max_bytes:,}.",
            code="E103",
        )
    return path.read_bytes(), None, stamp


def poll_feed(
    source: str,
    policy: FetchPolicy,
    options: IngestOptions,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedPoll:
    """Fetch a feed (conditionally) and read its entries.

    source (str): feed URL or feed file.
    policy (FetchPolicy): fetch limits.
    options (IngestOptions): text limits for entries.
    etag, last_modified (str | None): validators of the last successful poll.
    RETURNS (FeedPoll): the entries as items; InputError when the feed cannot be fetched or
        is not a feed (garbage, an HTML page, an empty feed).
    """
    body, new_etag, new_modified = _feed_bytes(source, policy, etag, last_modified)
    poll = FeedPoll(etag=new_etag, last_modified=new_modified, not_modified=body is None)
    if body is None or _empty_feed(body):
        return poll
    seen: set[str] = set()
    for result in feed_documents(body, source, options):
        if isinstance(result, InputError):
            if result.code == "E105":
                raise result
            poll.problems.append(str(result))
            continue
        item = entry_item(result, source)
        if item not in seen:
            seen.add(item)
            poll.items.append(NewItem(item=item, document=result))
    return poll


def _file_items(path: Path, item: str, fingerprint: str, options: IngestOptions) -> FeedPoll:
    poll = FeedPoll()
    first = True
    for result in read_inputs([path], options):
        if isinstance(result, InputError):
            poll.problems.append(str(result))
            continue
        key = item if first else f"{item}#{result.id}"
        poll.items.append(NewItem(key, result, fingerprint if first else None))
        first = False
    if first:  # nothing readable: remember the file anyway, so it is not read again unchanged
        poll.items.append(NewItem(item, None, fingerprint))
    return poll


def poll_folder(folder: str, known: dict[str, str], options: IngestOptions) -> FeedPoll:
    """Read the new and changed files of a folder (recursively; the suffixes `read_inputs` reads).

    A file is unchanged when its mtime and size are those seen; when they differ but its
    sha256 is the same, only its fingerprint is updated (no document).

    folder (str): the folder.
    known (dict[str, str]): item ("file:" + path) -> fingerprint "mtime_ns:size:sha256".
    options (IngestOptions): limits and metadata overrides for the readers.
    RETURNS (FeedPoll): one item per new or changed file (more for a corpus file).
    """
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise InputError(f"{folder}: the folder is gone.", code="E100")
    poll = FeedPoll()
    for path in _folder_files(root):
        item = "file:" + str(path.resolve())
        try:
            stat = path.stat()
        except OSError:
            continue  # removed between the listing and now
        stamp = f"{stat.st_mtime_ns}:{stat.st_size}"
        old = known.get(item)
        if old is not None and old.rsplit(":", 1)[0] == stamp:
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            poll.problems.append(f"{path}: cannot be read ({exc.strerror}).")
            continue
        fingerprint = f"{stamp}:{digest}"
        if old is not None and old.rsplit(":", 1)[1] == digest:
            poll.items.append(NewItem(item, None, fingerprint))
            continue
        found = _file_items(path, item, fingerprint, options)
        poll.items.extend(found.items)
        poll.problems.extend(found.problems)
    return poll
