"""Analysis of results: summary tables and charts."""

__all__: list[str] = []
