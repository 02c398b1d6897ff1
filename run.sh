#!/bin/sh
# taskdeck quick start.  On a fresh Debian 12 machine, as root (or with sudo):
#
#   sh run.sh demo    install what is missing, build, open the demo
#   sh run.sh test    install what is missing, build, run every test
#
# The builds live in ./build (plain), ./build-asan (ASan + UBSan) and
# ./build-tsan (ThreadSanitizer).
set -eu
cd "$(dirname "$0")"
top=$(pwd)

# Debian packages the build, the tests and the demo need (systemd: only
# its systemd-analyze, which tests/sync/test-sync-service.sh runs on the
# user unit; it installs in a container and starts nothing there;
# gettext and autopoint: the translations; locales: localedef and the
# locale sources the language tests and the demo generate locales from).
PKGS="build-essential autoconf automake autopoint gettext locales pkg-config
libncurses-dev libcurl4-openssl-dev libcjson-dev libsqlite3-dev libmicrohttpd-dev
ca-certificates curl jq tmux sqlite3 python3 openssl clang libclang-rt-14-dev
valgrind systemd"

deps() {
	missing=""
	for p in $PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "run.sh: installing$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends $missing
}

# build DIR [CONFIGURE-ARGS...]: configure once, then make.
build() {
	dir=$1
	shift
	[ -x configure ] || ./autogen.sh
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && "$top/configure" --enable-werror "$@")
	fi
	make -C "$dir" -j"$(nproc)"
}

case "${1:-}" in
demo)
	deps
	build build >/dev/null
	exec sh "$top/tests/demo.sh" "$top/build"
	;;
test)
	deps
	build build
	# Two tests a core: most of a test's time is waiting (for sfemu, a
	# poll, tmux), so the suite takes half the time it takes at one a
	# core, with the same results (doc/reliability.md, "Sanitizers").
	jobs=$(( $(nproc) * 2 ))
	make -C build -j"$jobs" check
	# The whole suite again under AddressSanitizer and UBSan.
	build build-asan --enable-sanitizers=address,undefined
	# (The language test draws two of the five languages here, the
	# plain pass all five; the stress model runs 60 s instead of 90.)
	ASAN_OPTIONS=detect_leaks=1 TD_LANGS="de zh_TW" STRESS_SECONDS=60 \
	    make -C build-asan -j"$jobs" check
	# The CLI tests under valgrind memcheck (errors and leaks fail).
	make -C build -j"$jobs" check-valgrind
	# The tests that run threads (engine, UI, demo) under TSan; a race
	# report stops the process, which fails its test.
	build build-tsan --enable-sanitizers=thread
	TSAN_OPTIONS="halt_on_error=1" make -C build-tsan -j"$jobs" \
	    check-threads
	;;
*)
	echo "usage: sh run.sh demo | sh run.sh test" >&2
	exit 1
	;;
esac
