"""cds_service: a CDS Hooks 2.0 service that flags investigational and non-covered orders.

`create_app(config)` builds the Flask application: settings, policies and templates are loaded and
checked once here, so a broken policy file stops the service at start rather than at a clinician's
click.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    from . import logs
    from .config import load_settings
    from .runtime import Runtime
    from .web import cds_hooks, errors

    settings = load_settings(config)
    logs.configure(settings.log_level)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["cds_service"] = Runtime.build(settings)
    app.register_blueprint(cds_hooks.bp)
    # Browsers (the CDS Hooks Sandbox) call from another origin; preflight never needs credentials.
    from flask_cors import CORS
    CORS(app, origins=list(settings.cors_origins), methods=["GET", "POST", "OPTIONS"],
         allow_headers=["Authorization", "Content-Type"], allow_private_network=True, max_age=600)
    errors.register(app)
    return app
