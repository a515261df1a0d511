"""Fixtures of the API tests: a JSON-reading client."""

import pytest


class ApiClient:
    """GETs an API path with query parameters and returns (status, parsed JSON)."""

    def __init__(self, client):
        self.client = client

    def get(self, path, **params):
        response = self.client.get(f"/api/v1/{path.lstrip('/')}", params)
        return response.status_code, response.json()


@pytest.fixture
def api(client):
    return ApiClient(client)
