# taskdeck - SPDX-License-Identifier: ISC
# Helpers for the UI's end-to-end tests: the real binary runs in a detached
# tmux server of its own (a private socket under the test's $TMP), driven by
# send-keys and read back with capture-pane.  Waits poll the screen with a
# timeout rather than sleeping a fixed time.  Sourced after tests/lib.sh.

unset TMUX TASKDECK_TODAY
export TMUX_TMPDIR="$TMP"
UI_SOCK="td-ui-$$"
: "${UI_TIMEOUT:=10}"

need_tools tmux

# ui_tmux ARGS...: tmux on this test's own server.
ui_tmux() {
	tmux -L "$UI_SOCK" "$@"
}

ui_kill() {
	tmux -L "$UI_SOCK" kill-server >/dev/null 2>&1
}
cleanup_hooks="$cleanup_hooks ui_kill"

# ui_start W H [VAR=VALUE...]: runs taskdeck (no command: the UI) in a
# W x H terminal with the extra environment given, and waits for its
# first frame.
ui_start() {
	_w=$1 _h=$2
	shift 2
	ui_kill
	# A fresh server each time: a dying one may still hold the socket.
	ui_nstart=$((${ui_nstart:-0} + 1))
	UI_SOCK="td-ui-$$-$ui_nstart"
	rm -f "$TMP/ui-rc"
	ui_tmux -f /dev/null new-session -d -x "$_w" -y "$_h" \
	    "echo \$\$ >'$TMP/ui-sh'; env $* '$TASKDECK' 2>'$TMP/ui-stderr';
	    echo \$? >'$TMP/ui-rc'" || return 1
	ui_tmux set-option -g remain-on-exit on
	ui_tmux set-option -g window-size manual
	ui_wait "taskdeck - "
}

# ui_screen: the visible screen as text.
ui_screen() {
	ui_tmux capture-pane -p
}

# ui_keys KEYS...: sends keys as tmux names them (Enter, Space, C-s, ...).
ui_keys() {
	ui_tmux send-keys "$@"
}

# ui_type TEXT: types literal text.
ui_type() {
	ui_tmux send-keys -l "$1"
}

# ui_wait TEXT [SECONDS]: waits until TEXT (fixed string) is on screen.
ui_wait() {
	_n=$(( ${2:-$UI_TIMEOUT} * 10 ))
	while [ "$_n" -gt 0 ]; do
		if ui_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		_n=$((_n - 1))
	done
	echo "# timed out waiting for: $1"
	ui_screen | sed 's/^/#   | /'
	return 1
}

# ui_wait_gone TEXT [SECONDS]: waits until TEXT has left the screen.
ui_wait_gone() {
	_n=$(( ${2:-$UI_TIMEOUT} * 10 ))
	while [ "$_n" -gt 0 ]; do
		if ! ui_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		_n=$((_n - 1))
	done
	echo "# still on screen: $1"
	return 1
}

# ui_wait_exit [SECONDS]: waits for taskdeck to exit; sets $ui_status.
ui_wait_exit() {
	_n=$(( ${1:-$UI_TIMEOUT} * 10 ))
	while [ "$_n" -gt 0 ]; do
		if [ -s "$TMP/ui-rc" ]; then
			ui_status=$(cat "$TMP/ui-rc")
			return 0
		fi
		sleep 0.1
		_n=$((_n - 1))
	done
	ui_status=timeout
	sed "s/^/#   stderr: /" "$TMP/ui-stderr"
	return 1
}

# ui_pid: the process id of the running taskdeck.
ui_pid() {
	ps -o pid= --ppid "$(cat "$TMP/ui-sh")" | tr -d ' '
}

# ui_json_field ID FIELD: one field of a reminder from `taskdeck show --json`.
ui_json_field() {
	"$TASKDECK" show "$1" --json |
	    sed -n \
	    "s/.*\"$2\":[[:space:]]*\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"
}
