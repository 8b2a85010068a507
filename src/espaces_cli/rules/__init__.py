"""Reading and validating rule-base files (YAML + pydantic): the edge that builds the core model."""
