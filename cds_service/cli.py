"""The `cds-service` command: serve, check a request offline, validate policy data."""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy.exc import SQLAlchemyError

from .catalog import SERVICES
from .config import ConfigError, load_settings
from .serving import READ_TIMEOUT, THREADS


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def _serve(args: argparse.Namespace) -> int:
    import os
    import shutil
    import tempfile

    from gunicorn.app.base import BaseApplication

    from . import create_app
    from .serving import worker_class

    # Several workers add up their metrics through a shared directory, set before the app first
    # imports the metrics (and taken back if we do not start, so nothing else inherits it).
    metrics_dir = None
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="cds-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        # Build once in the parent so a configuration or policy error stops here with a clear message,
        # and the schema is brought up to date once, before any worker starts.
        try:
            runtime = create_app().extensions["cds_service"]
            open_to_anyone = ("client authentication off" if runtime.settings.auth == "off" else
                              "the cds-hooks-sandbox preset, whose private key is public," if runtime.sandbox_preset
                              else None)
            if open_to_anyone and args.host not in LOOPBACK_HOSTS and not args.insecure:
                remedy = ("Set CDS_TRUSTED_ISSUERS to the EHR's own issuer" if runtime.sandbox_preset
                          else "Set CDS_TRUSTED_ISSUERS")
                print(f"cds-service: refusing to listen on {args.host} with {open_to_anyone.rstrip(',')}. "
                      f"{remedy} (see README, Security), or pass --insecure on a network you trust.",
                      file=sys.stderr)
                return 2
            runtime.writer.close()
            runtime.store.dispose()
        except (ConfigError, ValueError) as exc:
            print(f"cds-service: cannot start: {exc}", file=sys.stderr)
            return 2

        def child_exit(server, worker) -> None:  # noqa: ANN001 - gunicorn hook signature
            from .metrics import mark_worker_dead
            mark_worker_dead(worker.pid)

        class _Server(BaseApplication):
            def load_config(self) -> None:
                # An IPv6 address is bracketed in a gunicorn bind ("[::1]:8080").
                host = f"[{args.host}]" if ":" in args.host and not args.host.startswith("[") else args.host
                self.cfg.set("bind", f"{host}:{args.port}")
                # gunicorn trusts X-Forwarded-* from loopback peers by default; the service decides that
                # itself (CDS_TRUSTED_PROXIES, ProxyFix), so gunicorn trusts no one.
                self.cfg.set("forwarded_allow_ips", "")
                self.cfg.set("workers", args.workers)
                # Threads and a read deadline, so that clients that stall mid-request cannot hold every
                # worker (see serving.py and the README, Security).
                self.cfg.set("worker_class", worker_class(args.read_timeout))
                self.cfg.set("threads", args.threads)
                self.cfg.set("timeout", 30)
                self.cfg.set("accesslog", None)
                self.cfg.set("child_exit", child_exit)

            def load(self):  # each worker builds its own app: nothing is shared across processes
                from .runtime import tune_gc
                app = create_app()
                tune_gc()
                return app

        print(f"cds-service: listening on http://{args.host}:{args.port}/cds-services", file=sys.stderr)
        _Server().run()
        return 0
    finally:
        if metrics_dir:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _print_card(card: dict[str, Any], out) -> None:
    print(f"[{card['indicator'].upper()}] {card['summary']}", file=out)
    print(f"  source: {card['source']['label']}", file=out)
    for paragraph in card.get("detail", "").split("\n\n"):
        print(textwrap.indent(textwrap.fill(paragraph, 100), "    "), file=out)
        print(file=out)
    for s in card.get("suggestions", []):
        print(f"  suggestion: {s['label']}", file=out)
    for r in card.get("overrideReasons", []):
        print(f"  override reason: {r['display']}", file=out)
    for link in card.get("links", []):
        print(f"  link: {link['label']} <{link['url']}>", file=out)
    print(file=out)


def _read_call(args: argparse.Namespace):
    """The runtime and the parsed request, or the exit code after saying what went wrong."""
    from .hook_request import RequestError, parse_hook_call
    from .json_body import decode_body
    from .runtime import Runtime

    try:
        runtime = Runtime.build(load_settings(), with_store=False)
    except (ConfigError, ValueError) as exc:
        print(f"cds-service: {exc}", file=sys.stderr)
        return 2
    try:
        raw = Path(args.request).read_bytes() if args.request != "-" else sys.stdin.buffer.read()
    except OSError as exc:
        print(f"cds-service: cannot read {args.request}: {exc}", file=sys.stderr)
        return 2
    try:
        body = decode_body(raw)
        hook = body.get("hook") if isinstance(body, dict) else None
        if hook not in {s.hook for s in SERVICES.values()}:
            raise RequestError(400, f"the request's hook {hook!r} is not one this service answers "
                                    f"({', '.join(sorted(s.hook for s in SERVICES.values()))})")
        call = parse_hook_call(body, hook)
    except RequestError as exc:
        print(f"cds-service: the request would be refused ({exc.status}): {exc.message}", file=sys.stderr)
        return 1
    return runtime, call


def _print_explanation(runtime, call) -> None:
    from .engine import examine
    from .explain import explain_lines

    print(f"Recognition of {len(call.orders)} order(s) ({call.hook}, {call.hook_instance})")
    print()
    for line in explain_lines(examine(o, runtime.policy_set) for o in call.orders):
        print(line)


def _check(args: argparse.Namespace) -> int:
    loaded = _read_call(args)
    if isinstance(loaded, int):
        return loaded
    runtime, call = loaded
    response = runtime.evaluate(call).response
    if args.json:
        json.dump(response, sys.stdout, indent=2)
        print()
        return 0
    if args.explain:
        _print_explanation(runtime, call)
    cards = response["cards"]
    print(f"{len(cards)} card(s) for {len(call.orders)} order(s) evaluated ({call.hook}, {call.hook_instance})")
    print()
    for card in cards:
        _print_card(card, sys.stdout)
    return 0


def _explain(args: argparse.Namespace) -> int:
    loaded = _read_call(args)
    if isinstance(loaded, int):
        return loaded
    _print_explanation(*loaded)
    return 0


def _checkout_dir(start: Path) -> Path | None:
    """The cds_service checkout the command is run from (its pyproject.toml names the project and
    policy_data/ stands beside it), so an editor's changes are what gets checked, not an installed copy."""
    for directory in (start, *start.parents):
        project = directory / "pyproject.toml"
        if (directory / "policy_data").is_dir() and project.is_file():
            try:
                if 'name = "cds-service"' in project.read_text(encoding="utf-8"):
                    return directory
            except OSError:
                return None
    return None


def _authoring_settings(policy_dir: str | None = None):
    """Settings for the authoring commands: the policy directory given, else CDS_POLICY_DIR, else the
    checkout's policy_data/ (and cards/) when run inside a checkout, else the installed copy."""
    import dataclasses
    import os

    settings = load_settings()
    if policy_dir:
        path = Path(policy_dir).expanduser()
        if not path.is_dir():
            raise ConfigError(f"{policy_dir}: is not a directory")
        return dataclasses.replace(settings, policy_dir=path)
    checkout = _checkout_dir(Path.cwd())
    if checkout is None:
        return settings
    changes = {}
    if not os.environ.get("CDS_POLICY_DIR"):
        changes["policy_dir"] = checkout / "policy_data"
    if not os.environ.get("CDS_CARDS_DIR") and (checkout / "cards").is_dir():
        changes["cards_dir"] = checkout / "cards"
    return dataclasses.replace(settings, **changes)


def _validate(args: argparse.Namespace) -> int:
    from .cards import CardRenderer
    from .engine import PolicyDataError
    from .policy_files import load_policy_set

    try:
        settings = _authoring_settings(args.directory)
    except (ConfigError, ValueError) as exc:
        print(f"cds-service: {exc}", file=sys.stderr)
        return 2
    try:
        policy_set = load_policy_set(settings.policy_dir, **settings.policy_settings())
        CardRenderer(settings.cards_dir, policy_set)
    except PolicyDataError as exc:
        count = len(exc.problems) or 1
        print(f"cds-service: policy data in {settings.policy_dir} is not valid ({count} problem"
              f"{'s' if count > 1 else ''}):", file=sys.stderr)
        for line in str(exc).splitlines():
            print(f"  {line}", file=sys.stderr)
        return 1
    except (ConfigError, ValueError) as exc:
        print(f"cds-service: policy data is not valid: {exc}", file=sys.stderr)
        return 1
    print(f"policy data OK ({settings.policy_dir}, version {policy_set.version})")
    for rule in policy_set.policies.values():
        state = "disabled" if rule.id in policy_set.disabled_policies else "in force"
        print(f"  {rule.id}: {rule.payer.display or rule.payer.id}, {rule.service_id}, {rule.determination}, "
              f"effective {rule.effective_from.isoformat()} ({state})")
    for payer in policy_set.payers.values():
        matchers = sum(1 for k, v in policy_set.payer_identifiers.items() if v == payer.id)
        names = any(pid == payer.id for _, pid in policy_set.payer_names)
        if not matchers and not names:
            print(f"  note: payer '{payer.id}' has no identifiers or names yet; set them in CDS_PAYERS")
    return 0


def _policies_test(args: argparse.Namespace) -> int:
    from .policy_examples import render_run, run_examples

    try:
        settings = _authoring_settings(args.directory)
        run = run_examples(settings, args.policy)
    except (ConfigError, ValueError) as exc:
        print(f"cds-service: {exc}", file=sys.stderr)
        return 2
    if args.policy and not run.results and not run.without_examples:
        print(f"cds-service: no policy '{args.policy}' in {settings.policy_dir}", file=sys.stderr)
        return 2
    sys.stdout.write(render_run(run))
    return 0 if run.ok else 1


def _policies_preview(args: argparse.Namespace) -> int:
    import datetime as dt

    from .policy_preview import build_preview, render_preview
    from .synthetic_calls import authoring_runtime

    try:
        settings = _authoring_settings(args.directory)
        runtime = authoring_runtime(settings)
        now = dt.datetime.now(dt.timezone.utc)
        previews = build_preview(runtime, args.policy, now.astimezone(settings.timezone).date())
        page = render_preview(previews, runtime, now)
        Path(args.out).write_text(page, encoding="utf-8")
    except (ConfigError, ValueError, OSError) as exc:
        print(f"cds-service: {exc}", file=sys.stderr)
        return 2
    cases = sum(len(p.cases) for p in previews)
    print(f"preview of {len(previews)} policies ({cases} situations) written to {args.out}")
    return 0


class DatabaseError(Exception):
    """A database command cannot go on; the message is one line for the operator."""


def _store():
    from .store import Store
    settings = load_settings()
    try:
        return settings, Store(settings.effective_database_url)
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"CDS_DATABASE_URL: the database driver is not installed ({exc.name}); for "
                            "PostgreSQL install the extra: pip install 'cds-service[postgres]'") from None


def _database_failure(settings: Any, exc: BaseException) -> str:
    """One line: which database (password hidden), what kind of failure, the driver's first line."""
    from .logs import describe_error
    where = _safe_url(settings.effective_database_url) if settings else "the database"
    error = describe_error(exc)
    return f"cannot use the database at {where}: {error['error']}: {error['cause']}"


def _database_command(run) -> int:  # noqa: ANN001 - a function of (settings, store) returning an exit code
    """Run a database command; any failure ends it with one line on standard error, never a traceback."""
    from .store.database import SchemaError
    settings = store = None
    try:
        settings, store = _store()
        return run(settings, store)
    except (ConfigError, DatabaseError, SchemaError) as exc:
        print(f"cds-service: {exc}", file=sys.stderr)
    except (SQLAlchemyError, OSError) as exc:
        print(f"cds-service: {_database_failure(settings, exc)}", file=sys.stderr)
    finally:
        if store is not None:
            store.dispose()
    return 2


def _db_upgrade(args: argparse.Namespace) -> int:
    def run(settings, store) -> int:  # noqa: ANN001
        store.upgrade()
        print(f"database schema is current ({_safe_url(settings.effective_database_url)})")
        return 0
    return _database_command(run)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)


def _db_purge(args: argparse.Namespace) -> int:
    import datetime as dt
    if args.days is not None and args.days < 1:
        print("cds-service: --days must be at least 1 (records older than that many days are removed)",
              file=sys.stderr)
        return 2
    if args.synthetic and args.days is not None:
        print("cds-service: --synthetic removes demo data whatever its age; give it without --days", file=sys.stderr)
        return 2

    def run(settings, store) -> int:  # noqa: ANN001
        days = args.days if args.days is not None else settings.retention_days
        cutoff = None if args.synthetic else dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
        what = ("synthetic records written by `cds-service demo-data`" if args.synthetic
                else f"records older than {days} days (before {cutoff:%Y-%m-%d %H:%M} UTC)")
        store.upgrade()
        counts = store.purge_counts(cutoff, synthetic=args.synthetic)
        print(f"{_safe_url(settings.effective_database_url)}: {what}: "
              + ", ".join(f"{k} {v}" for k, v in counts.items()))
        if not any(counts.values()):
            print("nothing to remove")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print("cds-service: not removing without confirmation; pass --yes (e.g. from a scheduler)",
                      file=sys.stderr)
                return 1
            if input("remove them? [y/N] ").strip().lower() not in ("y", "yes"):
                print("nothing removed")
                return 1
        removed = store.purge(cutoff, synthetic=args.synthetic)
        print("removed: " + ", ".join(f"{k} {v}" for k, v in removed.items()))
        return 0
    return _database_command(run)


def _report(args: argparse.Namespace) -> int:
    import datetime as dt

    from .policy_files import load_policy_set
    from .report import build_report, render
    try:
        since = dt.date.fromisoformat(args.since) if args.since else None
    except ValueError as exc:
        print(f"cds-service: --since: {exc}", file=sys.stderr)
        return 2
    found = []

    def run(settings, store) -> int:  # noqa: ANN001
        try:   # names for the ids the audit holds; without them the report still stands, with ids
            policy_set = load_policy_set(settings.policy_dir, **settings.policy_settings())
        except ValueError as exc:
            policy_set = None
            print(f"cds-service: the policy data cannot be read, so ids are shown instead of names ({exc})",
                  file=sys.stderr)
        found.append(build_report(store, since, policy_set=policy_set))
        return 0
    if _database_command(run):
        return 2
    data = found[0]
    output = render(data, args.format)
    if args.out:
        Path(args.out).write_text(output, encoding="utf-8")
        print(f"report written to {args.out}")
    else:
        sys.stdout.write(output)
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    from .demo import fill

    def run(settings, store) -> int:  # noqa: ANN001
        store.upgrade()
        calls, feedback = fill(settings, store, calls=args.calls, weeks=args.weeks, seed=args.seed)
        print(f"demo data: {calls} hook calls and {feedback} feedback entries written to "
              f"{_safe_url(settings.effective_database_url)}, marked synthetic: the report says so, and "
              "`cds-service db purge --synthetic` removes them")
        return 0
    return _database_command(run)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("cds-service")
    except PackageNotFoundError:   # run from a checkout that was never installed
        return "unknown (not installed)"


def _at_least(minimum: int):  # noqa: ANN202 - an argparse type
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return value
    return parse


def _command(subparsers: Any, name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002 - argparse's name
    """A sub-command whose --help shows its purpose and every option's default."""
    return subparsers.add_parser(name, help=help, description=help,
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(prog="cds-service", description=__doc__, formatter_class=formatter,
                                     epilog="Settings come from CDS_ environment variables; see the README.")
    parser.add_argument("--version", action="version", version=f"cds-service {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = _command(sub, "serve", "bring the database schema up to date, then serve with gunicorn")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on; anything but loopback needs authentication or --insecure")
    serve.add_argument("--port", type=int, default=8080, help="TCP port to listen on")
    serve.add_argument("--workers", type=_at_least(1), default=2, help="gunicorn worker processes (at least 1)")
    serve.add_argument("--threads", type=_at_least(1), default=THREADS,
                       help="threads per worker; a client that stalls mid-request holds one")
    serve.add_argument("--read-timeout", type=_seconds, default=READ_TIMEOUT,
                       help="seconds a client has to send one whole request")
    serve.add_argument("--insecure", action="store_true",
                       help="allow a non-loopback address with client authentication off")
    serve.set_defaults(func=_serve)

    check = _command(sub, "check", "evaluate a CDS Hooks request file offline and print the cards")
    check.add_argument("request", help="path to a request JSON file, or - for standard input")
    check.add_argument("--json", action="store_true", help="print the response JSON instead of text")
    check.add_argument("--explain", action="store_true",
                       help="first print, per order, what matched, what vetoed and why")
    check.set_defaults(func=_check)

    explain = sub.add_parser("explain", help="print, per order of a request, what matched, what vetoed and why")
    explain.add_argument("request", help="path to a request JSON file, or - for standard input")
    explain.set_defaults(func=_explain)

    policies = _command(sub, "policies", "policy data commands")
    psub = policies.add_subparsers(dest="policies_command", required=True)
    validate = _command(psub, "validate", "load and check all policy data and card templates")
    validate.add_argument("directory", nargs="?",
                          help="policy directory; None: CDS_POLICY_DIR, else the checkout's policy_data/")
    validate.set_defaults(func=_validate)
    from .policy_import.command import add_parser as add_import_parser
    add_import_parser(psub)
    test = psub.add_parser("test", help="run the example orders each policy file carries")
    test.add_argument("directory", nargs="?",
                      help="policy directory (default: CDS_POLICY_DIR, else the checkout's policy_data/)")
    test.add_argument("--policy", help="only this policy's examples")
    test.set_defaults(func=_policies_test)
    preview = psub.add_parser("preview", help="every card each policy can produce, on one HTML page")
    preview.add_argument("directory", nargs="?",
                         help="policy directory (default: CDS_POLICY_DIR, else the checkout's policy_data/)")
    preview.add_argument("--policy", help="only this policy")
    preview.add_argument("--out", required=True, help="the HTML file to write")
    preview.set_defaults(func=_policies_preview)

    db = _command(sub, "db", "database commands")
    dsub = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    _command(dsub, "upgrade", "create or migrate the database schema").set_defaults(func=_db_upgrade)
    purge = _command(dsub, "purge", "remove audit and feedback older than the retention period, after "
                                    "showing how many rows and asking (unless --yes)")
    purge.add_argument("--days", type=int, default=None,
                       help="remove records older than this many days (at least 1); None: CDS_RETENTION_DAYS")
    purge.add_argument("--synthetic", action="store_true",
                       help="remove the synthetic records written by demo-data instead (whatever their age)")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation (for a scheduled purge)")
    purge.set_defaults(func=_db_purge)

    report = _command(sub, "report", "override and substitution analytics from the audit trail")
    report.add_argument("--since", help="first day to include (YYYY-MM-DD); None: every day on record")
    report.add_argument("--format", choices=["text", "csv", "html"], default="text", help="output format")
    report.add_argument("--out", help="write to this file; None: standard output")
    report.set_defaults(func=_report)

    demo = _command(sub, "demo-data", "fill the database with realistic synthetic calls and feedback, "
                                      "marked synthetic (db purge --synthetic removes them)")
    demo.add_argument("--calls", type=_at_least(1), default=600, help="number of synthetic hook calls")
    demo.add_argument("--weeks", type=_at_least(1), default=8, help="spread the calls over this many past weeks")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for the same data every time")
    demo.set_defaults(func=_demo_data)
    _show_defaults(parser)
    return parser


def _show_defaults(parser: argparse.ArgumentParser) -> None:
    """Every sub-command, however it was added, shows its purpose and its options' defaults in --help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                sub.formatter_class = argparse.ArgumentDefaultsHelpFormatter
                sub.description = sub.description or helps.get(name)
                _show_defaults(sub)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # The reader went away (`cds-service report | head`): stop quietly, as other tools do.
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
