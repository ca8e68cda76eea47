"""The accessibility audit: the RGAA grid of data/audit-rgaa.yaml, its model and its rates."""
