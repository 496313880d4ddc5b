"""The clause library in Portuguese: the themes and modalities as the clauses name them, the agreement's
phrases (placeholders such as {mun} are filled by `drafting.build`) and the §4 articles on the work programme,
staff and intellectual property."""

from __future__ import annotations

from agreements.clauses.model import Phrases

THEMES: dict[str, str] = {
    "cultural": "cultura",
    "economica": "desenvolvimento econômico e comercial",
    "turistica": "turismo",
    "educativa": "educação",
    "cientifica": "ciência e tecnologia",
    "ambiental": "meio ambiente",
    "salud": "saúde",
    "deporte": "esporte",
    "desarrollo_urbano": "desenvolvimento urbano",
    "seguridad": "segurança pública municipal",
    "gestion_municipal": "gestão municipal",
}

MODALITIES: dict[str, str] = {
    "intercambio": "intercâmbio de experiências e informações",
    "asistencia_tecnica": "assistência técnica",
    "capacitacion": "capacitação e formação de pessoal",
    "misiones": "missões e visitas oficiais",
    "eventos": "eventos culturais, esportivos ou de promoção",
    "proyectos": "projetos conjuntos",
}

PHRASES: Phrases = {
    "title": {
        "hermanamiento": "ACORDO DE IRMANAMENTO",
        "cooperacion": "ACORDO DE COOPERAÇÃO",
        "cooperacion_tema": "ACORDO DE COOPERAÇÃO EM MATÉRIA DE {theme}",
        "memorando": "MEMORANDO DE ENTENDIMENTO",
    },
    "between": "{kind} ENTRE O MUNICÍPIO DE {mun}, {state}, ESTADOS UNIDOS MEXICANOS, E {cp}, {country}",
    "preamble": (
        "O Município de {mun}, {state}, Estados Unidos Mexicanos, e {cp}, {country}, doravante "
        "denominados "
        "“as Partes”;"
    ),
    "whereas": [
        "RECONHECENDO os laços de amizade que unem os seus povos;",
        "MANIFESTANDO o seu interesse em fortalecer a cooperação em benefício das suas comunidades, "
        "no âmbito "
        "das suas respectivas atribuições;",
        "CONVENCIDOS de que a cooperação entre governos locais contribui para o desenvolvimento e para o "
        "entendimento entre os povos;",
    ],
    "agreed": "ACORDAM O SEGUINTE:",
    "article": "ARTIGO {n}",
    "h_object": "Objeto",
    "object": "O presente Acordo tem por objeto: {text}",
    "h_areas": "Áreas de cooperação",
    "areas": (
        "As Partes cooperarão nas seguintes áreas, no âmbito das suas respectivas atribuições: {list}."
    ),
    "h_modalities": "Modalidades",
    "modalities": "A cooperação poderá realizar-se nas seguintes modalidades: {list}.",
    "h_coordination": "Coordenação",
    "committee": (
        "Para o acompanhamento do presente Acordo, as Partes constituirão um comitê de acompanhamento, "
        "integrado por um representante designado por cada uma delas, que elaborará um programa de "
        "trabalho."
    ),
    "liaison": (
        "Cada Parte designará um representante para coordenar as atividades decorrentes do presente Acordo."
    ),
    "h_financing": "Financiamento",
    "budget": (
        "As atividades decorrentes do presente Acordo serão financiadas com os recursos atribuídos "
        "por cada "
        "Parte, sujeitas à disponibilidade orçamentária e em conformidade com a sua legislação "
        "aplicável. O "
        "presente Acordo não gera, por si só, obrigações financeiras para as Partes."
    ),
    "no_cost": "O presente Acordo não gera obrigações financeiras para as Partes.",
    "debt": (
        "[Cláusula não admitida: um município mexicano não pode contrair dívida no exterior, "
        "Constituição mexicana, art. 117, VIII.]"
    ),
    "h_disputes": "Solução de controvérsias",
    "mutual": (
        "Qualquer controvérsia decorrente da interpretação ou aplicação do presente Acordo será "
        "resolvida "
        "de comum acordo entre as Partes."
    ),
    "mechanism": (
        "Qualquer controvérsia decorrente da interpretação ou aplicação do presente Acordo será "
        "submetida ao "
        "mecanismo acordado pelas Partes, que lhes assegurará igualdade de tratamento, o direito de "
        "serem "
        "ouvidas e a imparcialidade dos órgãos de decisão."
    ),
    "h_amendments": "Modificações",
    "amendments": (
        "O presente Acordo poderá ser modificado por consentimento mútuo das Partes, formalizado por escrito."
    ),
    "h_validity": "Entrada em vigor, vigência e denúncia",
    "fixed": (
        "O presente Acordo entrará em vigor na data da sua assinatura e terá vigência de {years} anos."
    ),
    "indefinite": (
        "O presente Acordo entrará em vigor na data da sua assinatura e terá vigência indeterminada."
    ),
    "termination": (
        "Qualquer das Partes poderá denunciá-lo mediante notificação escrita à outra Parte, com "
        "noventa dias "
        "de antecedência."
    ),
    "signed": (
        "Feito em {place}, em {date}, em dois exemplares originais, nos idiomas {languages}, sendo "
        "ambos os "
        "textos igualmente autênticos."
    ),
    "signed_one": "Feito em {place}, em {date}, em dois exemplares originais, no idioma espanhol.",
    "for_mun": "PELO MUNICÍPIO DE {mun}",
    "mayor": "Presidente Municipal",
    "for_cp": "POR {cp}",
}
# (heading, paragraph) of the articles every agreement carries whatever the answers.

MORE_ARTICLES: dict[str, tuple[str, str]] = {
    "work_programme": (
        "Programa de trabalho",
        "As Partes elaborarão de comum acordo um programa de trabalho que especifique as atividades, os "
        "responsáveis, os prazos e os recursos de cada projeto de cooperação decorrente do presente "
        "Acordo, e o avaliarão periodicamente.",
    ),
    "staff": (
        "Pessoal",
        "O pessoal designado por cada Parte para a execução das atividades decorrentes do presente "
        "Acordo "
        "continuará sob a direção e a dependência da Parte que o designou, sem que se estabeleçam "
        "relações "
        "de trabalho com a outra Parte.",
    ),
    "intellectual_property": (
        "Propriedade intelectual",
        "Os direitos de propriedade intelectual que possam decorrer das atividades realizadas no âmbito "
        "do "
        "presente Acordo serão regidos pela legislação aplicável de cada Parte e pelos instrumentos "
        "específicos que as Partes firmarem em cada caso.",
    ),
}
