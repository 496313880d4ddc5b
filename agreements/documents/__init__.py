"""Generated documents: pure rendering from plain data (agreement.py, letters.py → model.Document → docx.py,
pdf.py), what each kind is made from (data.py, kinds.py). Storage, tasks and permissions are elsewhere
(agreements/documents/services.py, agreements/documents/tasks.py, agreements/documents/views.py)."""
