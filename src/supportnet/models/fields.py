"""The input fields many input models share, each cleaned by its one rule in text.py.

``OneLine``: an optional one-line field (a place, how you met, a phone): spacing
made single, line breaks and control characters gone; blank is None
(``text.optional_line``).  ``Note``: an optional note, its lines kept
(``text.optional_note``); blank is None.  A left-out field is not validated, so
it stays left out (``model_fields_set``); given as None or blank, it is cleared.
Required one-line fields (titles, names) say what is missing in their own words:
they call ``text.required_line`` with their message.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from supportnet.text import optional_line, optional_note

OneLine = Annotated[str | None, AfterValidator(optional_line)]
Note = Annotated[str | None, AfterValidator(optional_note)]
