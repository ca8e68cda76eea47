"""Turn an entry's checked values into its model object, as its field table says."""

from __future__ import annotations

from .fields import Kind, Table


def build(table: Table, values: dict, objects: dict, **extra):
    """Return the model object of checked values, and record it in objects by id.

    objects holds, by table, the objects a reference may name (communes by name, the
    others by id); extra gives the attributes no field holds, such as a parent's id.
    """
    arguments = {}
    for field in table.fields:
        value = values[field.key]
        if field.kind is Kind.REFERENCE:
            value = objects[field.target][value]
        elif field.kind is Kind.REFERENCES:
            value = tuple(objects[field.target][item.value] for item in value)
        elif field.kind is Kind.TEXTS:
            value = tuple(item.value for item in value)
        elif field.kind is Kind.ENTRIES:
            parent = {field.table.parent: values["id"]}
            value = tuple(build(field.table, child.values, objects, **parent) for child in value)
        arguments[field.name] = value
    built = table.model(**arguments, **extra)
    if "id" in table.keys:
        objects.setdefault(table, {})[built.id] = built
    return built
