#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window as a screen reader and a keyboard user meet it (issue #19).

Runs Chronomap on a private session bus with the accessibility bus
(at-spi-bus-launcher, Debian at-spi2-core), reads its tree over AT-SPI
(python3-pyatspi's Atspi typelib) and types with synthesized keys under
Xvfb, as Orca would hear it. Prints TAP.

usage: test-a11y.py CHRONOMAP SAMPLE
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

if os.environ.get('CM_A11Y_BUS') != '1':
    # A bus of our own: the accessibility bus is started on it on demand,
    # and nothing of the session running the tests is touched.
    env = dict(os.environ, CM_A11Y_BUS='1')
    # Its stderr stays: the buses' chatter, but also any traceback.
    sys.exit(subprocess.call(['dbus-run-session', '--', sys.executable] + sys.argv, env=env))

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_RIGHT = 0xff53
KEY_DOWN = 0xff54
CONTROL_MASK = 1 << 2

chronomap, sample = sys.argv[1], sys.argv[2]
n_tests = 0
failed = 0


def ok(cond, what, detail=''):
    global n_tests, failed
    n_tests += 1
    if cond:
        print(f'ok {n_tests} - {what}')
    else:
        failed += 1
        print(f'not ok {n_tests} - {what}')
        for line in str(detail).splitlines():
            print(f'# {line}')


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


class App:
    """Chronomap on FILE, with the accessibility bridge on."""

    def __init__(self, path):
        env = dict(os.environ)
        # The other tests run with no bridge: this one is about it.
        env.pop('GTK_A11Y', None)
        env.pop('NO_AT_BRIDGE', None)
        self.process = subprocess.Popen([chronomap, path], env=env)
        # Generous: a sanitizer build on a busy machine takes its time to
        # start; a working one is seen within a second or two.
        self.app = wait_for(self._find, 120)
        if self.app is None:
            raise RuntimeError('Chronomap did not appear on the accessibility bus')
        # Loaded: the views are in the tree and the list has rows.
        wait_for(lambda: self.find(lambda a: a.get_role_name() == 'table row' and ',' in (a.get_name() or '')), 120)
        time.sleep(0.5)

    def _find(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_name() == 'chronomap' and a.get_child_count() > 0:
                return a
        return None

    def close(self):
        self.process.terminate()
        self.process.wait(10)

    def walk(self, root=None, rows=True):
        """Every node, depth first; @rows: into the rows of lists too."""
        stack = [root or self.app]
        while stack:
            a = stack.pop()
            if a is None:
                continue
            yield a
            # A list recycles its rows as it scrolls: a node may be gone
            # by the time it is asked anything.
            try:
                if not rows and a.get_role_name() in ('table row', 'table cell'):
                    continue
                n = a.get_child_count()
                children = [a.get_child_at_index(i) for i in reversed(range(n))]
            except gi.repository.GLib.Error:
                continue
            stack.extend(children)

    def find(self, predicate, root=None, rows=True):
        for a in self.walk(root, rows):
            try:
                if predicate(a):
                    return a
            except gi.repository.GLib.Error:
                pass
        return None

    def focused(self):
        return self.find(lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED), rows=False) \
            or self.find(lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED))

    def frames(self):
        return [self.app.get_child_at_index(i) for i in range(self.app.get_child_count())]


def name_of(a):
    return (a.get_name() or '') if a is not None else ''


def describe(a):
    if a is None:
        return 'nothing'
    return f'[{a.get_role_name()}] {a.get_name()!r} {a.get_description()!r}'


def key(keysym, ctrl=False):
    # KeySynthType is not a set of flags: Ctrl is held as a locked modifier.
    if ctrl:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if ctrl:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.15)


def pointer_into(app):
    # No window manager under Xvfb: the keyboard follows the pointer.
    Atspi.generate_mouse_event(200, 200, 'abs')
    time.sleep(0.3)


def bad_name(name):
    name = (name or '').strip()
    return name == '' or name.startswith('Gtk') or name.startswith('Adw') \
        or any(word.startswith('_') for word in name.split())


def make_dataset(path, n):
    """@n announcements over 40 places, dated over three years."""
    places = [{'id': f'p{i}', 'name': f'Place {i}', 'kind': 'city',
               'lat': 22.0 + (i * 7) % 20, 'lon': 100.0 + (i * 11) % 22} for i in range(40)]
    categories = [{'id': f'k{i}', 'label': f'Kind {i}', 'color': c}
                  for i, c in enumerate(['#0072b2', '#e69f00', '#009e73', '#cc79a7'])]
    announcements = []
    for i in range(n):
        day = (i * 37) % 1096
        year, rest = 2020 + day // 366, day % 366
        month, mday = 1 + rest // 31, 1 + rest % 28
        announcements.append({'id': f'a{i}', 'date': f'{year:04d}-{min(month, 12):02d}-{mday:02d}',
                              'place': f'p{i % 40}', 'category': f'k{i % 4}',
                              'title': f'Announcement {i}', 'sources': ['gen']})
    with open(path, 'w') as f:
        json.dump({'title': f'{n} announcements', 'places': places, 'categories': categories,
                   'sources': [{'id': 'gen', 'title': 'test-a11y.py'}],
                   'announcements': announcements}, f)


# The sample ------------------------------------------------------------------

app = App(sample)
try:
    pointer_into(app)
    # GTK 4.8 sets no "showing" state below the window: what is in the
    # tree is what counts, and hidden widgets are not (see below).
    focusable = [a for a in app.walk(rows=False) if a.get_state_set().contains(Atspi.StateType.FOCUSABLE)]
    unnamed = [describe(a) for a in focusable if bad_name(a.get_name())]
    ok(len(focusable) > 10 and not unnamed, f'every focusable control ({len(focusable)}) has a real name',
       '\n'.join(unnamed))

    rows = [a for a in app.walk() if a.get_role_name() == 'table row' and a.get_name() != 'Column headings']
    ok(rows and all(re.match(r'^[^,]*\d{4}, [^,]+, .+', r.get_name()) for r in rows),
       'list rows are named by date, place and title', '\n'.join(describe(r) for r in rows[:3]))
    table = app.find(lambda a: a.get_role_name() == 'tree table')
    ok(table is not None and table.get_description() == '10 announcements', 'the list states its count',
       describe(table))

    hidden = [describe(a) for a in app.walk(rows=False)
              if re.match(r'^(No Dataset Open|Opening .*|Cancel|Details|Open Sample Dataset)$', a.get_name() or '')
              or a.get_role_name() == 'progress bar']
    ok(not hidden, 'hidden widgets are not in the tree', '\n'.join(hidden))

    the_map = app.find(lambda a: a.get_name() == 'Map of the places', rows=False)
    desc = the_map.get_description() if the_map else ''
    ok(re.match(r'^Map: 7 places, 10 announcements, Nov 2021 – Apr 2023', desc), 'the map states its counts',
       describe(the_map))

    # Keyboard: Tab from the first header button to the map, then
    # Ctrl+Right from place to place.
    first = wait_for(lambda: (lambda f: f if name_of(f) == 'Open' else None)(app.focused()), 30)
    ok(first is not None and first.get_name() == 'Open', 'the window opens on its first header button',
       describe(first))
    for _ in range(12):
        before = describe(app.focused())
        key(KEY_TAB)
        wait_for(lambda: (lambda f: f is not None and describe(f) != before)(app.focused()), 15)
        if name_of(app.focused()) == 'Map of the places':
            break
    ok(name_of(app.focused()) == 'Map of the places', 'Tab reaches the map', describe(app.focused()))
    key(KEY_RIGHT, ctrl=True)
    first_place = the_map.get_description()
    key(KEY_RIGHT, ctrl=True)
    second_place = the_map.get_description()
    ok(re.match(r'^Place 1 of \d+: .+, \d+ announcements?, first \d+ \w+ \d{4}\. Map: 7 places', first_place)
       and re.match(r'^Place 2 of \d+: .+\. Map: 7 places', second_place),
       'the map description follows Ctrl+Right from place to place', f'{first_place}\n{second_place}')
    key(KEY_RETURN)
    ok(re.search(r', selected\. Map: .*; .+ selected$', the_map.get_description() or ''),
       'Return selects the focused place, and the description says so', the_map.get_description())

    # A row selected with the arrows fills the details beside the list
    # (issue #18), one Tab on, which read the announcement.
    key(KEY_TAB)
    row = app.focused()
    ok(row is not None and row.get_role_name() == 'table row', 'Tab leaves the map for the list', describe(row))
    key(KEY_DOWN)
    key(KEY_TAB)
    focus = wait_for(lambda: (lambda f: f if f is not None and 'Date: ' in (f.get_description() or '') else None)
                     (app.focused()), 10)
    ok(focus is not None and focus.get_name() and 'Date: ' in (focus.get_description() or ''),
       'the details pane, a Tab from the list, reads the announcement selected', describe(app.focused()))
finally:
    app.close()

# 2,000 announcements: one Tab stop per view ------------------------------

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'two-thousand.json')
    make_dataset(path, 2000)
    app = App(path)
    try:
        pointer_into(app)
        # Focus may reach the bus a moment after the window: wait for it,
        # and after each key, rather than read nothing.
        start = wait_for(lambda: (lambda f: f if name_of(f) == 'Open' else None)(app.focused()), 30)
        presses, trail = 0, []
        while presses < 12 and name_of(app.focused()) != 'Timeline':
            before = describe(app.focused())
            key(KEY_TAB)
            presses += 1
            # On a busy machine the focus is reported late: wait for it to
            # move before the next press, so that presses are counted, not
            # the time the app took.
            wait_for(lambda: (lambda f: f is not None and describe(f) != before)(app.focused()), 15)
            trail.append(describe(app.focused()))
        ok(name_of(start) == 'Open' and name_of(app.focused()) == 'Timeline',
           f'Tab from the first header button reaches the timeline in {presses} presses on 2,000 announcements',
           '\n'.join(trail))
        table = app.find(lambda a: a.get_role_name() == 'tree table', rows=False)
        ok(table is not None and re.match(r'^2,?000 announcements$', table.get_description()), 'the list states its count',
           describe(table))
    finally:
        app.close()

print(f'1..{n_tests}')
sys.exit(1 if failed else 0)
