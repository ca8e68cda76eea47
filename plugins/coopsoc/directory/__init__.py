"""The directory as data: establishments, associations, trades, communes, the declaration of
data/annuaire.yaml and the history timeline, read and checked into immutable objects."""
