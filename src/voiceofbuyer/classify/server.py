"""An OpenAI-compatible server the user runs as the classifier (``[classify] backend = "server"``): llama.cpp's
server, Ollama, vLLM.

Each statement is sent with its question and the codebook to ``{url}/chat/completions`` (temperature 0, so the
same input gives the same answer), and the first category named in the reply is its verdict, with confidence 1
(or ``other`` at confidence 0 when the reply names none; a server that names none for any statement of a batch is
answering something else, an error). Interviews are confidential: the server must be on this machine
(``localhost``, ``127.0.0.1``, ``::1``) unless ``allow_remote = true`` says the user chose another host, and it is
reached directly: a proxy in the environment (``http_proxy``) would be a host the user never named.
"""

from __future__ import annotations

import ipaddress
import json
import re
import urllib.error
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import numpy as np

from ..config import ClassifyConfig
from ..errors import ConfigError
from ..records import CATEGORIES
from . import Classifier
from .huggingface import HYPOTHESES
from .labelled import LabelledStatement

if TYPE_CHECKING:
    from ..vectors import Vectors

TIMEOUT_SECONDS = 120
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Opens the server's address itself, never through the environment's proxies."""
PROMPT = (
    "You label what a buyer said in a customer interview with exactly one category.\n"
    + "\n".join(f"- {category}: {HYPOTHESES[category]}" for category in CATEGORIES)
    + "\nReply with the category name only."
)
_CATEGORY = re.compile(r"\b(" + "|".join(CATEGORIES) + r")\b", re.I)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback IP address (a name other than ``localhost`` is not)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ServerClassifier(Classifier):
    """An OpenAI-compatible chat server asked for each statement's category; ``ConfigError`` when ``url`` is not
    http(s), or not on this machine without ``allow_remote``."""

    def __init__(self, config: ClassifyConfig, vectors: Vectors, reviewed: list[LabelledStatement]) -> None:
        super().__init__(config)
        parsed = urlparse(config.url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigError(
                f"[classify] url {config.url!r}: not an http(s) address (fix: e.g. url = 'http://127.0.0.1:8080/v1')"
            )
        if not is_loopback(parsed.hostname) and not config.allow_remote:
            raise ConfigError(
                f"[classify] url {config.url!r}: {parsed.hostname} is not this machine, and interviews are "
                "confidential (fix: run the server here, or set allow_remote = true to send them there)"
            )
        self.url = config.url.rstrip("/") + "/chat/completions"
        self.name = f"server:{config.url}:{config.model}:{PROMPT}"

    def probabilities(self, texts: list[str], questions: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
        """``CATEGORIES`` and, per statement, 1 for the category the server named (``other`` when it named none), 0
        elsewhere; ``ConfigError`` when it does not answer usably."""
        rows = np.zeros((len(texts), len(CATEGORIES)))
        named = 0
        for row, (text, question) in enumerate(zip(texts, questions, strict=True)):
            found = _CATEGORY.search(self._ask(text, question))
            rows[row, CATEGORIES.index(found.group(1).lower() if found else "other")] = 1.0
            named += found is not None
        if texts and not named:  # raised, so no verdict of it is cached and a fixed server is asked again
            raise ConfigError(
                f"[classify] server {self.url}: none of its {len(texts)} replies named a category "
                f"({', '.join(CATEGORIES)}) (fix: check that model {self.config.model or 'default'!r} follows the "
                "instruction to reply with the category name, or use backend = 'builtin')"
            )
        return CATEGORIES, rows

    def _ask(self, text: str, question: str) -> str:
        said = f"Interviewer's question: {question}\nBuyer's statement: {text}" if question else f"Buyer: {text}"
        body = {
            "model": self.config.model or "default",
            "temperature": 0,
            "seed": 0,
            "messages": [{"role": "system", "content": PROMPT}, {"role": "user", "content": said}],
        }
        request = urllib.request.Request(
            self.url, json.dumps(body).encode("utf-8"), {"Content-Type": "application/json"}, method="POST"
        )
        try:
            with _DIRECT.open(request, timeout=TIMEOUT_SECONDS) as response:
                reply = json.loads(response.read().decode("utf-8"))
            content = reply["choices"][0]["message"]["content"]
            if not isinstance(content, str):
                raise ValueError(f"the reply's message content is {content!r}, not text")
            return content
        # TypeError: a reply of another shape ("[]", {"choices": "pain"}, a null message)
        except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError, TypeError) as error:
            raise ConfigError(
                f"[classify] server {self.url} did not answer usably ({error}) (fix: start the server, or use "
                "backend = 'builtin')"
            ) from error
