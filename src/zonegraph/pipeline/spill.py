"""Records set aside on disk while a document is built, read back once, in order.

A newsletter archive of thousands of articles is extracted an article at a time, but its
statements can only be written once every article is linked (a short form in the first
article may name a company written out in full in the last). What each article gives is
kept in a temporary file meanwhile, a batch of ``BATCH`` articles per pickle, so a build
holds the articles of one batch, not of the document. A document of one batch never
touches the disk.
"""
from __future__ import annotations

import pickle
import tempfile
from typing import Any, Iterator

#: Records pickled together.
BATCH = 256


class Spill:
    """Append records, then iterate them once (the file goes when it is read or dropped)."""

    def __init__(self):
        self._batch: list[Any] = []
        self._file = None

    def append(self, record: Any) -> None:
        self._batch.append(record)
        if len(self._batch) >= BATCH:
            self._set_aside()

    def _set_aside(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="zonegraph-")
        pickle.dump(self._batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._batch = []

    def __iter__(self) -> Iterator[Any]:
        if self._file is None:
            yield from self._batch
            self._batch = []
            return
        if self._batch:
            self._set_aside()
        file, self._file = self._file, None
        with file:
            file.seek(0)
            while True:
                try:
                    batch = pickle.load(file)
                except EOFError:
                    return
                yield from batch
