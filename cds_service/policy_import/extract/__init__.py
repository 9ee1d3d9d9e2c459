"""Finding the values of a policy in its segmented text. Each finder returns a value with the unit it
came from, or nothing: a value the document does not state is left for the reviewer, never guessed.

The rules are deliberately narrow (labels, applicability sentences, determination phrases, code tables)
because a reviewer forgives a gap but not a confident mistake.

One module per field family: what a section is for (`sections`), the policy's dates (`dates`), its payer,
title and number (`masthead`), its lines of business (`lines`), the services it decides (`services`), its
codes and their roles (`codes`), and what it says around the decision (`statements`: products, statements,
the NCD it follows, prior authorization).
"""
from __future__ import annotations

from .codes import find_codes, role_of
from .dates import DATE_FIELDS, effective_of_main_item, find_dates, parse_date
from .lines import AMBIGUOUS_MEDICARE, document_line, find_lines, lines_named
from .masthead import find_number, find_payer, find_title
from .services import DETERMINATION_TO_ENUM, determination_of, find_services, slug
from .statements import find_authority, find_prior_authorization, find_products, find_statements

__all__ = [
    "AMBIGUOUS_MEDICARE", "DATE_FIELDS", "DETERMINATION_TO_ENUM", "determination_of", "document_line",
    "effective_of_main_item", "find_authority", "find_codes", "find_dates", "find_lines", "find_number", "find_payer",
    "find_prior_authorization", "find_products", "find_services", "find_statements", "find_title",
    "lines_named", "parse_date", "role_of", "slug",
]
