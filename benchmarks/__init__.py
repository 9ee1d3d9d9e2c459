"""On-demand benchmarks: `python -m benchmarks` writes docs/benchmarks.md. Never part of the test run."""
