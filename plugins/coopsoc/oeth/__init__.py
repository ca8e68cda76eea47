"""The employment-obligation rules (data/oeth.yaml): the model and its checked reader."""
