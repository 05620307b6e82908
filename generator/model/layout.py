"""Where an item lives, in content/ and on the built site, in both directions: the one place its paths
and URLs are spelt, so a file, its page and its address never disagree."""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.model import Catalogue, ItemSpec

ITA = PurePosixPath("ita")  # the ITA center's folder on the site


def item_file(year: int, spec: ItemSpec) -> PurePosixPath:
    """The item's file, relative to content/: items/2569/o11.md."""
    return PurePosixPath("items") / str(year) / f"{spec.slug}.md"


def documents_folder(year: int, spec: ItemSpec) -> PurePosixPath:
    """Where the item's documents are copied, relative to content/: documents/2569/o11."""
    return PurePosixPath("documents") / str(year) / spec.slug


def item_dir(year: int, spec: ItemSpec) -> PurePosixPath:
    """The item's page folder on the site: ita/2569/o11."""
    return ITA / str(year) / spec.slug


def item_url(ita_url: str, year: int, spec: ItemSpec) -> str:
    """The item page's address under the unit's ITA center URL (which ends in /)."""
    return f"{ita_url}{year}/{spec.slug}/"


def item_at(site_path: str, catalogue: Catalogue) -> ItemSpec | None:
    """The item of the catalogue's year whose page (or a file under it) this site path is."""
    parts = PurePosixPath(site_path.lstrip("/")).parts
    if len(parts) >= 3 and PurePosixPath(parts[0]) == ITA and parts[1] == str(catalogue.year):
        return next((spec for spec in catalogue.items if spec.slug == parts[2]), None)
    return None


def item_of_url_path(pathname: str, catalogue: Catalogue) -> ItemSpec | None:
    """The item whose page an address's path ends in, as this tool lays pages out (…/2569/o11/),
    wherever the ITA center is published."""
    parts = PurePosixPath(pathname).parts
    return next((spec for spec in catalogue.items if parts[-2:] == (str(catalogue.year), spec.slug)), None)
