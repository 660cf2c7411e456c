"""Tests of the onboarding issue."""
