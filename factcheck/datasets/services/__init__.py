"""Dataset operations: writing exports (in the request, the CLI or a background job) and
loading exported files back."""
from .exports import count_export, export_chunks
from .imports import DatasetError, ImportReport, import_dataset

__all__ = ["DatasetError", "ImportReport", "count_export", "export_chunks", "import_dataset"]
