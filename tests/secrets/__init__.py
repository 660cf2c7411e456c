"""Tests of the secrets issue."""
