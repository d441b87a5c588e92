"""The review desk (``voiceofbuyer serve``): a local web app to review, correct and approve persona drafts."""

from __future__ import annotations

from voiceofbuyer.web.app import create_app, serve

__all__ = ["create_app", "serve"]
