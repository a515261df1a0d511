"""The home page in the delivery API: served like the index pages."""

from api.pages import GenericPageDetail, generic_page_detail
from api.serialisers import register_detail
from home.models import HomePage

register_detail(HomePage, GenericPageDetail, generic_page_detail)
