"""Rules over the built site in site/, offline: pages, links, assets, published addresses."""
