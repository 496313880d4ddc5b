# One module per concern, so each stays small enough to read: the registry entry here, the working file
# (expediente) and its workflow, documents and reminders in their own modules.
from .agreement import Agreement, Theme
from .documents import GeneratedDocument
from .reminders import ReminderLog
from .review import Dictamen, Observation, RegistrySequence, ReviewRound, Signature
from .working_file import WorkingFile, WorkingFileEvent, WorkingFileUpload

__all__ = [
    "Agreement",
    "Dictamen",
    "Observation",
    "RegistrySequence",
    "ReviewRound",
    "Signature",
    "Theme",
    "WorkingFile",
    "WorkingFileEvent",
    "WorkingFileUpload",
]
__all__ += ["GeneratedDocument", "ReminderLog"]
