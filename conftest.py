"""Shared fixtures come from azultel.core.testing; test mode from azultel.core.testing.env."""

pytest_plugins = ["azultel.core.testing.fixtures", "azultel.core.testing.browser"]
