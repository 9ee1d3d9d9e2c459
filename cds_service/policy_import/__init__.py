"""`cds-service policies import`: from a payer's policy document to a draft policy in which every value
cites the sentence it came from."""
from .importer import import_document, import_text
from .knowledge import Knowledge, load_knowledge
from .model import ImportResult
from .reading import DocumentError, read_source

__all__ = ["import_document", "import_text", "Knowledge", "load_knowledge", "ImportResult", "DocumentError",
           "read_source"]
