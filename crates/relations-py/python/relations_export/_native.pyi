"""Type stubs of the native module; use the functions of ``relations_export`` itself."""

from typing import Any, List, Tuple

__version__: str
SCHEMA_VERSION: str
TABLES: List[str]

class ArrowBatch:
    """One table's rows; ``pyarrow.record_batch(it)`` reads it (Arrow PyCapsule interface)."""

    def __arrow_c_array__(self, requested_schema: Any = None) -> Tuple[Any, Any]: ...
    def __len__(self) -> int: ...

class ArrowSchema:
    """A table's schema; ``pyarrow.schema(it)`` reads it (Arrow PyCapsule interface)."""

    def __arrow_c_schema__(self) -> Any: ...

def extract_stream(stream: Any, threads: int = 1) -> List[Tuple[str, ArrowBatch]]:
    """One run over the articles of an ``__arrow_c_stream__`` capsule."""

def schema(table: str) -> ArrowSchema:
    """The schema of ``table``; ValueError for an unknown table."""

def extract_articles(stream: Any, threads: int = 1) -> ArrowBatch:
    """Each article of an ``__arrow_c_stream__`` capsule on its own: one row per article."""

def articles_schema() -> ArrowSchema:
    """The schema of ``extract_articles``' rows."""

def vouching_pairs(stream: Any) -> ArrowBatch: ...
def link_stories(stream: Any) -> ArrowBatch: ...
def event_stories(stream: Any) -> ArrowBatch: ...
def reprint_marks(stream: Any) -> ArrowBatch: ...
def duplicate_rejects(stream: Any) -> ArrowBatch: ...
