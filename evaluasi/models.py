"""Post-mutation and programme evaluation (DESIGN.md §9); built in a later issue."""
