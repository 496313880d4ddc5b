"""Keep each agreement's search document current when it is saved through the ORM (the admin, the
inscription service, factories). Bulk writes send no signals: search_documents_fill_missing() catches new
rows on the next search, and `manage.py registry_reindex` rewrites every document after a bulk update."""

from django.db.models.signals import m2m_changed, post_save

from agreements.models import Agreement


def _agreement_saved(sender, instance: Agreement, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: related rows may not exist yet; the next search fills the document
        return
    from .services import search_documents_refresh

    search_documents_refresh(agreement_ids=[instance.pk])


def _themes_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    from .services import search_documents_refresh

    if not reverse:  # agreement.themes.add/remove/clear/set
        if action in {"post_add", "post_remove", "post_clear"}:
            search_documents_refresh(agreement_ids=[instance.pk])
    elif action == "pre_clear":  # theme.agreements.clear(): remember whose documents change
        instance._registry_cleared_ids = list(instance.agreements.values_list("pk", flat=True))
    elif action == "post_clear":
        search_documents_refresh(agreement_ids=getattr(instance, "_registry_cleared_ids", []))
    elif action in {"post_add", "post_remove"}:
        search_documents_refresh(agreement_ids=pk_set or [])


def connect() -> None:
    post_save.connect(_agreement_saved, sender=Agreement, dispatch_uid="registry_search_saved")
    m2m_changed.connect(
        _themes_changed, sender=Agreement.themes.through, dispatch_uid="registry_search_themes"
    )
