"""Tests of the history issue: sales history, refunds, shift report, receipts."""
