"""The steps of scripts/bench: tools, measuring, the linter and provider benchmarks, the report."""
