# One module per concern, so each stays small enough to read: the registry entry here, the working file
# (expediente) and its workflow, documents and reminders in their own modules.
from .agreement import Agreement, Theme

__all__ = ["Agreement", "Theme"]
