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



def hold_display():
    """Xvfb resets itself when its last client leaves, and drops the
    connections that come while it does: under load about one in three,
    and once the app's or the registry daemon's, which then had no display
    (`xvfb-run -s -noreset` avoids it; a plain xvfb-run does not). A
    connection held for the whole test keeps the server from resetting.
    The connection is opened with retries, as the server may be resetting
    when the test begins."""
    import ctypes
    xlib = ctypes.CDLL('libX11.so.6')
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    for _ in range(100):
        display = xlib.XOpenDisplay(None)
        if display:
            return display
        time.sleep(0.1)
    sys.exit(f'Bail out! cannot open display {os.environ.get("DISPLAY")!r}')


if os.environ.get('CM_A11Y_BUS') != '1':
    held = hold_display()
    # A bus of our own: the accessibility bus is started on it on demand,
    # and nothing of the session running the tests is touched. The
    # registry daemon it starts writes to its stdout, which is not TAP:
    # the buses get stderr, and TAP goes out through a descriptor of its own.
    tap = os.dup(sys.stdout.fileno())
    env = dict(os.environ, CM_A11Y_BUS='1', CM_A11Y_TAP_FD=str(tap))
    sys.exit(subprocess.call(['dbus-run-session', '--', sys.executable] + sys.argv, env=env,
                             stdout=sys.stderr, pass_fds=(tap,)))

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

# A call to the app times out after 0.8 s by default, and the app is then
# taken as hung: an ASan build on a loaded machine takes longer to answer.
Atspi.set_timeout(30000, 60000)

KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_RIGHT = 0xff53
KEY_DOWN = 0xff54
KEY_F = 0x0066
KEY_P = 0x0070
CONTROL_MASK = 1 << 2

chronomap, sample = sys.argv[1], sys.argv[2]
tap = os.fdopen(int(os.environ['CM_A11Y_TAP_FD']), 'w', buffering=1)
n_tests = 0
failed = 0


def ok(cond, what, detail=''):
    global n_tests, failed
    n_tests += 1
    if cond:
        print(f'ok {n_tests} - {what}', file=tap)
    else:
        failed += 1
        print(f'not ok {n_tests} - {what}', file=tap)
        for line in str(detail).splitlines():
            print(f'# {line}', file=tap)


class Events:
    """What the bus tells: focus moves and changed descriptions, each
    with the time it came. Waiting for them, rather than walking the
    tree after each key, is what keeps the test steady on a loaded
    machine: a walk costs hundreds of calls to the app, and took seconds
    under load, long enough for a wait to end before the first answer."""

    def __init__(self):
        self.focus = None
        self.n_focus = 0
        self.descriptions = []   # (time, source, text)
        self.listener = Atspi.EventListener.new(self._event)
        self.listener.register('object:state-changed:focused')
        self.listener.register('object:property-change:accessible-description')

    def _event(self, event):
        try:
            if event.type.startswith('object:state-changed:focused'):
                if event.detail1 == 1:
                    self.focus = event.source
                    self.n_focus += 1
            else:
                # The value the event carries: by the time it is read, the
                # source may have changed again.
                text = event.any_data if isinstance(event.any_data, str) else event.source.get_description()
                self.descriptions.append((time.monotonic(), event.source, text))
        except GLib.Error:
            pass   # a row recycled before it was asked

    def described(self, source, since=0):
        return [(t, text) for t, a, text in self.descriptions if a == source and t >= since]


def pump():
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


events = Events()
current = None   # the App running


def wait_for(predicate, timeout=60.0):
    """@predicate's first true value, asked while the bus's events are
    taken in; None after @timeout seconds. A dead app ends the wait."""
    deadline = time.monotonic() + timeout
    while True:
        pump()
        if current is not None:
            current.check_alive()
        try:
            value = predicate()
        except GLib.Error:
            value = None
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(0.05)


class App:
    """Chronomap on FILE, with the accessibility bridge on."""

    def __init__(self, path):
        global current
        env = dict(os.environ)
        # The other tests run with no bridge: this one is about it.
        env.pop('GTK_A11Y', None)
        env.pop('NO_AT_BRIDGE', None)
        self.process = subprocess.Popen([chronomap, path], env=env)
        self.last_walk = 0
        current = self
        # Generous: a sanitizer build on a busy machine takes its time to
        # start; a working one is seen within a second or two.
        self.app = wait_for(self._find, 120)
        if self.app is None:
            raise RuntimeError('Chronomap did not appear on the accessibility bus')
        # Loaded: the views are in the tree and the list has rows.
        if wait_for(lambda: self.find(lambda a: a.get_role_name() == 'table row'
                                      and ',' in (a.get_name() or '')), 120) is None:
            raise RuntimeError('Chronomap showed no rows')

    def check_alive(self):
        if self.process.poll() is not None:
            raise RuntimeError(f'Chronomap ended with status {self.process.returncode}')

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        # A node asked after the app ended says only that it is gone.
        ended = self.process.poll()
        self.close()
        if ended is not None:
            print(f'Bail out! Chronomap ended with status {ended} during the test', file=tap)

    def _find(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_name() == 'chronomap' and a.get_child_count() > 0:
                return a
        return None

    def close(self):
        global current
        current = None
        self.process.terminate()
        self.process.wait(30)

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
            except GLib.Error:
                continue
            stack.extend(children)

    def select(self, predicate, root=None, rows=True):
        """The nodes @predicate holds for, and what @predicate said of
        each; a node removed while it is asked (a row the list recycled)
        is left out."""
        found = []
        for a in self.walk(root, rows):
            try:
                value = predicate(a)
            except GLib.Error:
                continue
            if value:
                found.append((a, value))
        return found

    def find(self, predicate, root=None, rows=True):
        for a in self.walk(root, rows):
            try:
                if predicate(a):
                    return a
            except GLib.Error:
                pass
        return None

    def focused(self):
        """The focused node: the last one the bus said took the focus, if
        it still has it. A focus taken before the app was on the bus sent
        no event: then the tree is searched, at most every two seconds."""
        f = events.focus
        try:
            if f is not None and f.get_state_set().contains(Atspi.StateType.FOCUSED):
                return f
        except GLib.Error:
            pass
        if time.monotonic() - self.last_walk < 2:
            return None
        self.last_walk = time.monotonic()
        has_focus = lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED)  # noqa: E731
        return self.find(has_focus, rows=False) or self.find(has_focus)

    def tab_to(self, name, presses):
        """Presses Tab until @name has the focus, each press once the one
        before it moved the focus; the presses it took, and the trail."""
        trail = []
        for n in range(presses + 1):
            if name_of(self.focused()) == name:
                return n, trail
            if n == presses:
                break
            seen = events.n_focus
            key(KEY_TAB)
            wait_for(lambda: events.n_focus > seen and self.focused(), 30)
            trail.append(describe(self.focused()))
        return None, trail


def name_of(a):
    try:
        return (a.get_name() or '') if a is not None else ''
    except GLib.Error:
        return ''


def describe(a):
    if a is None:
        return 'nothing'
    try:
        return f'[{a.get_role_name()}] {a.get_name()!r} {a.get_description()!r}'
    except GLib.Error as e:
        return f'gone ({e.message})'


def key(keysym, ctrl=False):
    # KeySynthType is not a set of flags: Ctrl is held as a locked modifier.
    if ctrl:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if ctrl:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def type_text(text):
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)


def pointer_into():
    # No window manager under Xvfb: the keyboard follows the pointer, and
    # the window is active, its focus shown, once the pointer is in it.
    Atspi.generate_mouse_event(200, 200, 'abs')


def text_of(a):
    try:
        return Atspi.Text.get_text(a, 0, -1) if a is not None else None
    except GLib.Error as e:
        return str(e)


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

with App(sample) as app:
    pointer_into()
    first = wait_for(lambda: (lambda f: f if name_of(f) == 'Open' else None)(app.focused()), 60)
    ok(first is not None, 'the window opens on its first header button', describe(app.focused()))

    # GTK 4.8 sets no "showing" state below the window: what is in the
    # tree is what counts, and hidden widgets are not (see below).
    def focusable(a):
        if a.get_state_set().contains(Atspi.StateType.FOCUSABLE):
            return describe(a) if bad_name(a.get_name()) else 'named'
        return None
    focusable = [value for _, value in app.select(focusable, rows=False)]
    unnamed = [value for value in focusable if value != 'named']
    ok(len(focusable) > 10 and not unnamed, f'every focusable control ({len(focusable)}) has a real name',
       '\n'.join(unnamed))

    rows = [name for _, name in app.select(
        lambda a: a.get_role_name() == 'table row' and a.get_name() != 'Column headings' and a.get_name())]
    ok(rows and all(re.match(r'^[^,]*\d{4}, [^,]+, .+', name) for name in rows),
       'list rows are named by date, place and title', '\n'.join(rows[:3]))
    table = app.find(lambda a: a.get_role_name() == 'tree table')
    ok(table is not None and table.get_description() == '10 announcements', 'the list states its count',
       describe(table))

    hidden = [value for _, value in app.select(
        lambda a: (re.match(r'^(No Dataset Open|Opening .*|Cancel|Details|Open Sample Dataset)$', a.get_name() or '')
                   or a.get_role_name() == 'progress bar') and describe(a), rows=False)]
    ok(not hidden, 'hidden widgets are not in the tree', '\n'.join(hidden))

    the_map = app.find(lambda a: a.get_name() == 'Map of the places', rows=False)
    desc = the_map.get_description() if the_map else ''
    ok(re.match(r'^Map: 7 places, 10 announcements, Nov 2021 – Apr 2023', desc), 'the map states its counts',
       describe(the_map))

    # Keyboard: Tab from the first header button to the map, then
    # Ctrl+Right from place to place.
    presses, trail = app.tab_to('Map of the places', 12)
    ok(presses is not None, f'Tab reaches the map in {presses} presses', '\n'.join(trail))
    key(KEY_RIGHT, ctrl=True)
    first_place = wait_for(lambda: (lambda d: d if d.startswith('Place 1 of') else None)
                           (the_map.get_description()), 30)
    key(KEY_RIGHT, ctrl=True)
    second_place = wait_for(lambda: (lambda d: d if d.startswith('Place 2 of') else None)
                            (the_map.get_description()), 30)
    ok(re.match(r'^Place 1 of \d+: .+, \d+ announcements?, first \d+ \w+ \d{4}\. Map: 7 places', first_place or '')
       and re.match(r'^Place 2 of \d+: .+\. Map: 7 places', second_place or ''),
       'the map description follows Ctrl+Right from place to place',
       f'{first_place}\n{second_place}\n{the_map.get_description()}')
    key(KEY_RETURN)
    selected = wait_for(lambda: re.search(r', selected\. Map: .*; .+ selected$', the_map.get_description() or ''), 30)
    ok(selected, 'Return selects the focused place, and the description says so', the_map.get_description())

    # A row selected with the arrows fills the details beside the list
    # (issue #18), one Tab on, which read the announcement.
    seen = events.n_focus
    key(KEY_TAB)
    row = wait_for(lambda: (lambda f: f if events.n_focus > seen and f is not None
                            and f.get_role_name() == 'table row' else None)(app.focused()), 30)
    ok(row is not None, 'Tab leaves the map for the list', describe(app.focused()))
    key(KEY_DOWN)
    key(KEY_TAB)
    focus = wait_for(lambda: (lambda f: f if f is not None and 'Date: ' in (f.get_description() or '') else None)
                     (app.focused()), 30)
    ok(focus is not None and focus.get_name(),
       'the details pane, a Tab from the list, reads the announcement selected', describe(app.focused()))


# 2,000 announcements: one Tab stop per view, and playback ------------------

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'two-thousand.json')
    make_dataset(path, 2000)
    with App(path) as app:
        pointer_into()
        start = wait_for(lambda: (lambda f: f if name_of(f) == 'Open' else None)(app.focused()), 60)
        presses, trail = app.tab_to('Timeline', 12)
        ok(start is not None and presses is not None,
           f'Tab from the first header button reaches the timeline in {presses} presses on 2,000 announcements',
           '\n'.join(trail))
        table = app.find(lambda a: a.get_role_name() == 'tree table', rows=False)
        ok(table is not None and re.match(r'^2,?000 announcements$', table.get_description()),
           'the list states its count', describe(table))

        # P plays; the description follows the playhead, at most every
        # half second (a screen reader reads each change).
        timeline = app.focused()
        since = time.monotonic()
        key(KEY_P)
        playing = re.compile(r'^Playing, (.+?)\. ')
        told = wait_for(lambda: (lambda d: d if len({playing.match(t).group(1) for t in d}) >= 4 else None)
                        ([t for _, t in events.described(timeline, since) if playing.match(t or '')]), 60) \
            if name_of(timeline) == 'Timeline' else None
        key(KEY_P)
        changes = [(t, text) for t, text in events.described(timeline, since) if playing.match(text or '')]
        span = changes[-1][0] - changes[0][0] if changes else 0
        ok(told, 'the timeline\'s description follows the playhead while it plays',
           '\n'.join(f'{t - since:6.2f} {text}' for t, text in events.described(timeline, since)[:20]))
        # Unthrottled, it changed 15 times a second. The bus may bring
        # one event late and the next on time: the bound is loose here,
        # test-timeline-widget holds the widget to its half second.
        ok(changes and len(changes) <= span / 0.3 + 2,
           f'a change at most every half second or so ({len(changes)} in {span:.1f} s)',
           '\n'.join(f'{t - since:6.2f} {text}' for t, text in changes[:40]))
        for t, text in changes[:10]:
            print(f'# {t - since:6.2f} {text[:60]!r}', file=tap)
        stopped = wait_for(lambda: (lambda d: d if d and not d.startswith('Playing') else None)
                           (timeline.get_description()), 30)
        ok(stopped and stopped.startswith('Playhead at '), 'stopped, the description says where the playhead is',
           describe(timeline))
        # Search: the count is read where the typing is, as the entry's
        # description, and the change is sent (issue #19, "silent changes").
        key(KEY_F, ctrl=True)
        entry = wait_for(lambda: (lambda f: f if name_of(f) == 'Search announcements' else None)(app.focused()), 30)
        ok(entry is not None, 'Ctrl+F focuses the search entry, so that it is spoken', describe(app.focused()))
        since = time.monotonic()
        # Only "Announcement 1999" has 1999 in its text.
        type_text('1999')
        count = re.compile(r'^1 of 2,?000 announcements$')
        told = wait_for(lambda: [text for _, text in events.described(entry, since) if count.match(text or '')], 30) \
            if entry is not None else None
        rows = wait_for(lambda: (lambda d: d if count.match(d or '') else None)(table.get_description()), 30)
        ok(told and entry.get_description() == told[-1] == rows,
           f'the search count is told through the entry\'s description ("{told[-1] if told else None}")',
           f'events: {events.described(entry, since)}\nentry: {describe(entry)}\nlist: {describe(table)}')

print(f'1..{n_tests}', file=tap)
sys.exit(1 if failed else 0)
