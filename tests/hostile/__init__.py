"""The hostile-input suite (issue 10): see ``conftest.py`` for the budget and modes."""
