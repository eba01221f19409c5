"""Every action has a key, no key does two things, and the digit keys are left free."""

import tkinter as tk

from gui import press, pump

from draw_app.commands import COMMANDS, install


def test_every_command_has_a_key_and_no_key_is_used_twice():
    sequences = [sequence for command in COMMANDS for sequence in command.sequences]
    assert all(command.sequences and command.key for command in COMMANDS)
    assert len(sequences) == len(set(sequences))


def test_the_digit_keys_are_free_for_teaching(tk_root):
    install(tk_root, {command.name: lambda: None for command in COMMANDS},
            {command.name: tk.BooleanVar(tk_root, False) for command in COMMANDS if command.toggle})
    digits = {f"<Key-{digit}>" for digit in range(10)} | {f"<KP_{digit}>" for digit in range(10)}
    assert tk_root.bind()  # the commands are bound...
    assert not set(tk_root.bind()) & digits  # ...and no digit key is
    assert not any(tk_root.bind(sequence) for sequence in digits)


def test_install_builds_the_menus_and_binds_the_keys(tk_root):
    ran = []
    handlers = {command.name: (lambda name=command.name: ran.append(name)) for command in COMMANDS}
    toggles = {command.name: tk.BooleanVar(tk_root, False) for command in COMMANDS if command.toggle}
    menu = install(tk_root, handlers, toggles)
    titles = [menu.entrycget(index, "label") for index in range(menu.index("end") + 1)]
    assert titles == ["File", "Edit", "View", "Help"]
    for command in COMMANDS:
        assert tk_root.bind(command.sequences[0])
    pump(tk_root, 0.2)
    press(tk_root, "<Control-z>")
    press(tk_root, "<Control-i>")
    assert ran == ["undo", "network"] and toggles["network"].get() is True


def test_alt_and_a_menus_first_letter_opens_it(tk_root):
    bar = install(tk_root, {entry.name: lambda: None for entry in COMMANDS},
                  {entry.name: tk.BooleanVar(tk_root) for entry in COMMANDS if entry.toggle})
    titles = [bar.entrycget(index, "label") for index in range(bar.index("end") + 1)]
    assert [int(bar.entrycget(index, "underline")) for index in range(len(titles))] == [0] * len(titles)
    assert len({title[0] for title in titles}) == len(titles)  # no two menus share a letter


def test_the_menus_wear_the_windows_colours(tk_root):
    """The bar is of the window, its menus white sheets on it: not clam's grey beside them."""
    from draw_app.theme import BACKGROUND, SURFACE, apply_style

    apply_style(tk_root)
    bar = install(tk_root, {command.name: lambda: None for command in COMMANDS},
                  {command.name: tk.BooleanVar(tk_root, False) for command in COMMANDS if command.toggle})
    assert str(bar.cget("background")) == BACKGROUND and str(bar.cget("relief")) == "flat"
    edit = tk_root.nametowidget(bar.entrycget(1, "menu"))
    assert str(edit.cget("background")) == SURFACE


def test_moving_between_digits_or_maps_is_greyed_while_there_are_none_shown(tk_root):
    toggles = {command.name: tk.BooleanVar(tk_root, False) for command in COMMANDS if command.toggle}
    bar = install(tk_root, {command.name: lambda: None for command in COMMANDS}, toggles)
    view = tk_root.nametowidget(bar.entrycget(2, "menu"))
    state = {view.entrycget(index, "label"): str(view.entrycget(index, "state"))
             for index in range(view.index("end") + 1) if view.type(index) != "separator"}
    assert state == {"Number mode": "normal", "Previous digit of the number": "disabled",
                     "Next digit of the number": "disabled", "Inside the network": "normal",
                     "Previous map": "disabled", "Next map": "disabled"}
    toggles["number_mode"].set(True)
    assert [str(view.entrycget(index, "state")) for index in (1, 2, 5)] == ["normal", "normal", "disabled"]
