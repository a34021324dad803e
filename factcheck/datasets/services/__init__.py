"""Dataset operations: writing exports (in the request, the CLI or a background job) and
loading exported files back."""
from .exports import count_export, export_chunks

__all__ = ["count_export", "export_chunks"]
