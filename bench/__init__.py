"""Benchmark: our course site against a stock Material build of the same Markdown.

`python -m bench.run` (or `make bench`) measures build time, rebuild time under
`mkdocs serve`, page weight, Lighthouse scores and the quiz generator's scaling,
prints a Markdown table and writes `bench/results.json`. See bench/README.md.
"""
