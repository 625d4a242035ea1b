"""Links that apps above this one put on a shared enquiry's page, for its readers.

The enquiry app knows none of them (apps depend one way): an app registers a function at start
(in its AppConfig.ready) that, given the reader and the enquiry, returns a (label, url) pair to show
or None. The brokerage desk's "Ask to visit this school" is one.
"""

from __future__ import annotations

from collections.abc import Callable

ReaderLink = Callable[[object, object], "tuple[str, str] | None"]
_READER_LINKS: list[ReaderLink] = []


def register_reader_link(link: ReaderLink) -> ReaderLink:
    if link not in _READER_LINKS:
        _READER_LINKS.append(link)
    return link


def reader_links(user, enquiry) -> list[tuple[str, str]]:
    """The links to show this reader on this enquiry's page, in the order they were registered."""
    return [found for link in _READER_LINKS if (found := link(user, enquiry))]
