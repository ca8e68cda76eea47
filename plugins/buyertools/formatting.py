"""Template filters of the buyer tools: amounts and rates written the French way.

The simulator's script (theme/static/js/simulator.js) writes its figures the same way.
"""


def _french_number(value: int) -> str:
    from sitekit.filters import french_number  # a sibling plugin, on Pelican's path

    return french_number(value)


def euros(cents: int) -> str:
    """An amount in cents: 1923200 → « 19 232,00 € » (narrow no-break spaces)."""
    return f"{_french_number(cents // 100)},{cents % 100:02d}\u00a0€"


def hundredths(value: int) -> str:
    """A number given in hundredths: 720 → « 7,2 », 1250 → « 12,5 », 600 → « 6 »."""
    whole, rest = divmod(value, 100)
    return _french_number(whole) + (f",{rest:02d}".rstrip("0") if rest else "")


def percent(value: int) -> str:
    """A rate in hundredths of a percent: 250 → « 2,5 % »."""
    return hundredths(value) + "\u00a0%"
