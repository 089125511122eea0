"""The WhatsApp Business Cloud API: message shapes, webhook payloads, the Graph client.

An outbound HTTP client at the same layer as ``genesis.llm``: it knows the
Graph API, not the coach. The channel's use-cases are in ``genesis.service.whatsapp``.
"""
