"""API of the regions and their representative offices."""

from ninja import Router

router = Router()
