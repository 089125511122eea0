"""Benchmarks, and the sample businesses they share with the tests (tests may
import bench; bench never imports tests: make lint checks it)."""
