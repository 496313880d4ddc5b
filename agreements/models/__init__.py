# One module per concern, so each stays small enough to read: the registry entry here, the working file
# (expediente) and its workflow, documents and reminders in their own modules.
from agreements.models.agreement import Agreement, Theme
from agreements.models.documents import GeneratedDocument
from agreements.models.reminders import ReminderLog
from agreements.models.review import Dictamen, Observation, RegistrySequence, ReviewRound, Signature
from agreements.models.working_file import WorkingFile, WorkingFileEvent, WorkingFileUpload

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
