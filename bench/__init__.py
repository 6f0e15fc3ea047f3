"""Benchmarks (`make bench`): each prints its numbers beside a baseline measured in the same run.

Every module ``bench/bench_*.py`` defines ``run(args) -> None``. ``python -m bench`` runs them all;
``python -m bench analytics`` runs the modules whose name contains "analytics".
Benchmarks are never part of CI and never assert timings.
"""
