"""From pages to a site: writing the generated folder, the builders, the Thai search index, the guarded swap."""
