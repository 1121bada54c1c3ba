"""Tests: reports."""
