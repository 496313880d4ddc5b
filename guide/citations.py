"""The articles of the law the knowledge centre cites (DOMAIN.md §2): each links to its anchor on /guia/ley/
(law.py). The process steps and the FAQ answers name the articles they rest on."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Article:
    anchor: str  # on /guia/ley/
    label: object


LCT_1 = Article("articulo-1", _("LCT art. 1: con quién se celebra un acuerdo interinstitucional"))
LCT_2 = Article("articulo-2", _("LCT art. 2 fr. II: sólo en materias de las atribuciones propias"))
LCT_7 = Article("articulo-7", _("LCT art. 7: informar a la SRE antes de firmar; dictamen y registro"))
LCT_8 = Article("articulo-8", _("LCT art. 8: solución de controversias"))
CPEUM_115 = Article("cpeum-115", _("CPEUM art. 115 fr. II b): dos terceras partes del cabildo"))
CPEUM_117 = Article("cpeum-117", _("CPEUM art. 117 fr. VIII: sin deudas con gobiernos extranjeros"))
