"""Tests: exchange."""
