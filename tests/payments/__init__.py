"""Tests of the payments package (ApiPay client, provider-neutral interface, xPayment)."""
