"""The pure core: from the loaded model to the Markdown pages, files and navigation of the site."""
