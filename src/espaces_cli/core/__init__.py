"""The functional core: pure values and functions, standard library only."""
