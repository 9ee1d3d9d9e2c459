"""cds_service: a CDS Hooks 2.0 service that flags investigational and non-covered orders.

`create_app(config)` builds the Flask application: settings, policies and templates are loaded and
checked once here, so a broken policy file stops the service at start rather than at a clinician's
click.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    from . import logs
    from .config import load_settings, unknown_environment
    from .runtime import Runtime
    from .web import browsers, cds_hooks, errors, operations, policy_pages

    settings = load_settings(config)
    logs.configure(settings.log_level)
    for name in unknown_environment():
        logging.getLogger("cds_service").warning(
            "environment variable %s names no setting and is ignored (see the README's settings table)", name,
            extra={"setting": name})
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    runtime = Runtime.build(settings)
    app.extensions["cds_service"] = runtime
    if settings.trusted_proxies:
        # Only behind proxies we were told about may X-Forwarded-Proto/Host change the URL (and so `aud`).
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies,
                                x_host=settings.trusted_proxies, x_port=settings.trusted_proxies)
    if settings.auth == "off":
        logging.getLogger("cds_service").warning(
            "CLIENT AUTHENTICATION IS OFF: any caller can use this service. Set CDS_TRUSTED_ISSUERS "
            "(and CDS_AUTH=jwt) before exposing it beyond this machine.")
    elif not settings.public_base_url and not settings.trusted_proxies:
        logging.getLogger("cds_service").warning(
            "CDS_PUBLIC_BASE_URL is not set: tokens are accepted only from loopback callers, because a "
            "token's audience cannot be checked against an address this service does not know.")
    if runtime.sandbox_preset:
        logging.getLogger("cds_service").warning(
            "CDS_TRUSTED_ISSUERS=cds-hooks-sandbox: THE SANDBOX'S PRIVATE KEY IS PUBLIC, so anyone can sign "
            "a token this service accepts. Development only; never expose it beyond this machine.")
    app.register_blueprint(cds_hooks.bp)
    app.register_blueprint(operations.bp)
    app.register_blueprint(policy_pages.bp)
    # Browsers (the CDS Hooks Sandbox) call from another origin: which pages may, see web/browsers.py.
    browsers.register(app, settings.cors_origins, settings.cors_private_network)
    errors.register(app)
    return app
