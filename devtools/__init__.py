"""Development tooling: demo data, the scale seed and the benchmarks (style.md G29).

Installed by the dev and test settings only. It may import every app; no app imports it.
"""
