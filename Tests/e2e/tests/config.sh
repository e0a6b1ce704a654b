# shellcheck shell=bash
# Saved views (w, W, --view, the last view, --fresh, export --view) and the configuration file (a remapped key, a
# broken file). lib.sh points XDG_CONFIG_HOME and XDG_STATE_HOME at this test's private directories.

# Saves a view with w, reopens it with --view and W; a plain restart restores the last view, --fresh does not.
test_saved_view() {
    start_monitor 120 40
    pick_jnim
    send w
    wait_for "Save the current view"
    type "jnim watch"
    send Enter
    wait_for "View saved as “jnim watch”"
    assert_file "$XDG_STATE_HOME/sitmon/views/jnim watch.json" '"jnim"'
    note "saved; an existing name asks before replacing it"
    send w
    wait_for "Save the current view"
    type "jnim watch"
    send Enter
    wait_for "exists. Replace it? y / n"
    send Escape
    wait_for "View not saved"
    send q
    assert_exit 0
    end_session

    note "a plain restart restores the last view"
    E2E_KEEP_LAST_VIEW=1 start_monitor 120 40
    wait_line 2 "[actor: JNIM]"
    send c
    wait_line 2 "Filter: none"
    send q
    assert_exit 0
    end_session

    note "--view opens the saved view"
    start_monitor 120 40 --view "jnim watch"
    wait_line 2 "[actor: JNIM]"
    send c
    wait_line 2 "Filter: none"
    note "W lists the saved views and opens one"
    send W
    wait_for "Saved views"
    wait_for "jnim watch"
    send Enter
    wait_line 2 "[actor: JNIM]"
    send q
    assert_exit 0
    end_session

    note "--fresh starts on everything though the last view had a filter"
    assert_file "$XDG_STATE_HOME/sitmon/last-view.json" '"jnim"'
    E2E_KEEP_LAST_VIEW=1 start_monitor 120 40 --fresh  # the last view (JNIM, from W) is there
    wait_line 2 "Filter: none"
    send q
    assert_exit 0
    end_session

    note "an unknown view is a usage error listing the saved ones"
    start_cmd 120 20 "$(monitor_command --view nope)"
    wait_exit
    assert_eq "$E2E_EXIT" 64 "sitmon --view nope"
    assert_screen_contains "no saved view “nope”; saved views: jnim watch"
    end_session

    note "export --view exports the saved view's records"
    "$SITMON" export --view "jnim watch" --format json -o "$E2E_XDG/view.json" || fail "export --view failed"
    "$SITMON" export --actor JNIM --format json -o "$E2E_XDG/actor.json" || fail "export --actor failed"
    assert_same_bytes "$E2E_XDG/view.json" "$E2E_XDG/actor.json" "export --view differs from the same filter given as options"
}

# A key remapped in the configuration file works, the help shows it, and the old key no longer does.
test_config_remapped_key() {
    mkdir -p "$XDG_CONFIG_HOME/sitmon"
    printf '# remapped\ntheme = "light"\n\n[keys]\nquit = "x"\nsearch = "f"\n' >"$XDG_CONFIG_HOME/sitmon/config.toml"
    start_monitor 120 40
    wait_for "x quit"
    assert_screen_contains "f search"
    note "q is no longer bound: the monitor stays"
    send q
    send f
    wait_for "Enter keeps · Esc cancels"
    type goita
    send Enter
    wait_for "Search: goita"
    send '?'
    wait_for "Help — sitmon keys"
    assert_screen_contains "   f                 find in the focused pane"
    assert_screen_contains "   x                 quit"
    send Escape
    wait_gone "Help — sitmon keys"
    send x
    assert_exit 0
    end_session

    note "a broken configuration names the file and line and exits 78"
    printf 'theme = "light"\nmouse = "yes"\n' >"$XDG_CONFIG_HOME/sitmon/config.toml"
    start_cmd 120 20 "$(monitor_command)"
    wait_exit
    assert_eq "$E2E_EXIT" 78 "sitmon with a broken configuration"
    assert_screen_contains "config.toml:2: mouse: expected true or false"
}
