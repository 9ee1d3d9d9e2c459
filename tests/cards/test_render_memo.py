"""Card words are rendered once per distinct set of values, and never served for values they were not
rendered from; ids stay random, unique and distinct across a fork."""
from __future__ import annotations

import os
import shutil
import uuid

from cds_service.cards import CardRenderer
from cds_service.ids import new_hex, new_uuid
from cds_service.resources import bundled_dir
from cds_service.template_memo import MemoEnvironment
from tests.cards.test_cards import SCENARIOS, decisions_for


def _without_ids(card):
    card = dict(card, uuid=None)
    card["suggestions"] = [dict(s, uuid=None) for s in card.get("suggestions", [])]
    return card


def test_cards_from_the_memo_equal_cards_rendered_afresh(policy_set, renderer):
    fresh = CardRenderer(bundled_dir("cards"), policy_set)
    for name in sorted(SCENARIOS):
        first = renderer.render(decisions_for(policy_set, name))
        again = renderer.render(decisions_for(policy_set, name))
        uncached = fresh.render(decisions_for(policy_set, name))
        assert [_without_ids(c) for c in again] == [_without_ids(c) for c in first] == \
            [_without_ids(c) for c in uncached]


def test_the_same_values_render_once_and_new_values_render_anew(policy_set):
    renderer = CardRenderer(bundled_dir("cards"), policy_set)
    renderer.render(decisions_for(policy_set, "mrs-ma"))
    entries = len(renderer.env.memo)
    renderer.render(decisions_for(policy_set, "mrs-ma"))
    assert len(renderer.env.memo) == entries
    renderer.render(decisions_for(policy_set, "four-mrs"))
    assert len(renderer.env.memo) > entries


def test_values_equal_in_python_but_written_differently_render_apart():
    template = MemoEnvironment().from_string("{{ n }} {{ items }}")
    assert [template.render(n=1, items=["a"]), template.render(n=True, items=["a"]),
            template.render(n=1.0, items=["a"]), template.render(n=1, items=["a", ""])] == \
        ["1 ['a']", "True ['a']", "1.0 ['a']", "1 ['a', '']"]


def test_values_of_other_kinds_are_rendered_every_time():
    class Counter:
        calls = 0

        def __str__(self):
            Counter.calls += 1
            return str(Counter.calls)

    template = MemoEnvironment().from_string("{{ value }}")
    value = Counter()
    assert [template.render(value=value), template.render(value=value)] == ["1", "2"]
    assert len(template.environment.memo) == 0


def test_the_memo_keeps_at_most_its_size_and_drops_the_oldest():
    template = MemoEnvironment(memo_entries=3).from_string("{{ n }}")
    assert [template.render(n=n) for n in range(5)] == ["0", "1", "2", "3", "4"]
    assert len(template.environment.memo) == 3
    assert template.render(n=0) == "0"


def test_card_templates_are_read_once_at_start(tmp_path, policy_set):
    """Changed wording takes effect on the next start, like changed policies: no stat of every
    template on every render."""
    cards_dir = tmp_path / "cards"
    shutil.copytree(bundled_dir("cards"), cards_dir)
    renderer = CardRenderer(cards_dir, policy_set)
    before = renderer.render(decisions_for(policy_set, "mrs-ma"))[0]["detail"]
    included = cards_dir / "detail" / "_alternatives.md.j2"
    included.write_text("CHANGED " + included.read_text())
    assert renderer.render(decisions_for(policy_set, "four-mrs"))[0]["detail"].count("CHANGED") == 0
    assert "CHANGED" in CardRenderer(cards_dir, policy_set).render(decisions_for(policy_set, "mrs-ma"))[0]["detail"]
    assert "CHANGED" not in before


def test_ids_are_random_version_4_uuids_and_unique():
    ids = [new_uuid() for _ in range(50_000)]
    assert len(set(ids)) == len(ids)
    for text in ids[:2000]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
    hexes = [new_hex() for _ in range(2000)]
    assert len(set(hexes)) == len(hexes)
    assert all(uuid.UUID(h).hex == h and uuid.UUID(h).version == 4 for h in hexes)


def test_a_forked_worker_never_repeats_its_parents_ids():
    new_uuid()          # the parent holds a block of random bytes when the worker is forked
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:        # the worker
        os.close(read)
        os.write(write, " ".join(new_uuid() for _ in range(100)).encode())
        os._exit(0)
    os.close(write)
    child = set()
    with os.fdopen(read, "rb") as pipe:
        child = set(pipe.read().decode().split())
    os.waitpid(pid, 0)
    parent = {new_uuid() for _ in range(100)}
    assert len(child) == 100 and not child & parent


def test_values_no_template_reads_do_not_make_a_render_new():
    import jinja2
    env = MemoEnvironment(loader=jinja2.DictLoader({"outer": "{{ a }} {% include 'inner' %}", "inner": "{{ b }}"}))
    outer = env.get_template("outer")
    texts = [outer.render(a=1, b="x", order_id=f"sr-{n}") for n in range(5)]
    assert texts == ["1 x"] * 5 and len(env.memo) == 1
    assert outer.render(a=1, b="y", order_id="sr-0") == "1 y" and len(env.memo) == 2


def test_a_template_whose_include_is_chosen_at_render_time_keys_on_every_value():
    import jinja2
    env = MemoEnvironment(loader=jinja2.DictLoader({"outer": "{% include which %}", "p": "{{ a }}", "q": "{{ b }}"}))
    outer = env.get_template("outer")
    assert [outer.render(which="p", a=1, b=2), outer.render(which="q", a=1, b=2), outer.render(which="q", a=1, b=3)] \
        == ["1", "2", "3"]
