"""Plugin settings: one prefix, defaults in one place, unknown names refused in French."""


def prefixed_settings(settings, defaults: dict, *, prefix: str, label: str, error) -> dict:
    """Return every setting of defaults, filled in; raise error naming unknown prefix… names.

    A misspelt setting (BROCHURE_MAX_BYTE) would otherwise be ignored without a word.
    """
    unknown = sorted(k for k in settings if k.startswith(prefix) and k not in defaults)
    if unknown:
        raise error(
            f"{label} : réglage(s) inconnu(s) {', '.join(unknown)} ; "
            f"réglages possibles : {', '.join(sorted(defaults))}."
        )
    return {key: settings.get(key, default) for key, default in defaults.items()}
