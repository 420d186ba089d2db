"""Responses from domain.yml with every {contact} placeholder filled from knowledge/contacts.yml."""
from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from knowledge.contacts import contacts


class ContactsNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's own response templating, with the checked phone numbers as template variables."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker,
                       output_channel: Text, **kwargs: Any) -> Optional[Dict[Text, Any]]:
        numbers = {contact.id: contact.reach for contact in contacts().values()}
        return await super().generate(utter_action, tracker, output_channel, **{**numbers, **kwargs})

    def _fill_response(self, response: Dict[Text, Any],
                       filled_slots: Optional[Dict[Text, Any]] = None, **kwargs: Any) -> Dict[Text, Any]:
        """Fill text as Rasa does, but leave button payloads alone: their JSON is not a template."""
        buttons = response.pop("buttons", None)
        filled = super()._fill_response(response, filled_slots, **kwargs)
        if buttons is not None:
            filled["buttons"] = buttons
        return filled
