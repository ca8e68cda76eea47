"""The words of buyers: text analysis shared by the search index and the checks of
data/synonyms.yaml and data/recherche.yaml."""
