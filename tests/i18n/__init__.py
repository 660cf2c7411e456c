"""Tests of the i18n issue."""
