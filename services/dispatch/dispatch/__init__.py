"""Command center (Art. 9(1), 13, 19, 20): live incidents, units, dispatch, protective orders."""
