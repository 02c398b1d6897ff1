#!/usr/bin/env python3
# taskdeck - SPDX-License-Identifier: ISC
"""Crash at every durable step (issue #6, part 2), mbsync's way.

For each scripted scenario (first sync import, local create push, edit
push, delete push, remote edit pull, conflict, create with a lost
response) the starting state of both sides is built once and saved (the
cache and profile, sfemu's database on a fixed port).  A reference run of
`taskdeck sync --once` gives the expected end state.  Then for n = 1, 2,
... the state is restored and `taskdeck sync --once` runs with
TASKDECK_CRASH_AT=n: it is SIGKILLed just before its n-th durable step (a
cache commit or an HTTP request leaving).  It is restarted without the
hook until it succeeds, and the end state must equal the reference:
both sides field by field, no duplicate (C6), nothing lost (C7), the same
conflict log (C4), a further cycle writes nothing (C9) and PRAGMA
integrity_check is ok.  The loop ends at the first n the run completes
without reaching.  Prints TAP."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdlib  # noqa: E402

SEED = {"settings": {"device_interval": 1},
        "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "d@x",
                   "Password": "pw1"},
                  {"key": "col", "Name": "Marco Bellini",
                   "Username": "m@x", "Password": "pw2"}],
        "tasks": [
            {"Subject": "Call Ana", "Owner": "rep", "CreatedDaysAgo": 0,
             "Status": "Not Started", "Priority": "High",
             "ActivityDate": "2026-11-24", "Description": "about the quote"},
            {"Subject": "Half done", "Owner": "rep", "CreatedDaysAgo": 0,
             "Status": "In Progress", "Priority": "Low"},
            {"Subject": "Renewal", "Owner": "rep", "CreatedDaysAgo": 0,
             "Status": "Completed", "ActivityDate": "2026-11-20"},
            {"Subject": "Not mine", "Owner": "col", "CreatedDaysAgo": 0},
            {"Subject": "Logged mail", "Owner": "rep",
             "TaskSubtype": "Email", "CreatedDaysAgo": 0}]}

n_tap = 0
failed = 0
total_crashes = 0


def tap(ok, desc, diag=None):
    global n_tap, failed
    n_tap += 1
    if not ok:
        failed += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n_tap, desc), flush=True)
    if not ok and diag:
        for line in str(diag).splitlines()[:40]:
            print("#   " + line)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Bench(tdlib.Env):
    """An Env whose sfemu listens on a fixed port and can be stopped,
    saved and restored with the profile."""

    def emu_start(self):
        err = open(os.path.join(self.tmp, "emu.err"), "a")
        self.emu = subprocess.Popen(
            [self.sfemu, "--port", str(self.port), "--db",
             os.path.join(self.tmp, "sfemu.db")],
            stdout=subprocess.DEVNULL, stderr=err)
        err.close()
        self.url = "http://127.0.0.1:%d" % self.port
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port),
                                         0.2).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("sfemu did not start")

    def emu_stop(self):
        self.emu.terminate()
        self.emu.wait()
        self.emu = None

    def save(self):
        self.emu_stop()
        snap = os.path.join(self.tmp, "snap")
        shutil.rmtree(snap, ignore_errors=True)
        os.makedirs(snap)
        for d in ("config", "data", "state", "sfemu.db"):
            src = os.path.join(self.tmp, d)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(snap, d))
            elif os.path.exists(src):
                shutil.copy2(src, os.path.join(snap, d))
        self.emu_start()

    def restore(self):
        self.emu_stop()
        snap = os.path.join(self.tmp, "snap")
        for d in ("config", "data", "state", "sfemu.db"):
            dst = os.path.join(self.tmp, d)
            if os.path.isdir(dst):
                shutil.rmtree(dst)
            elif os.path.exists(dst):
                os.unlink(dst)
            src = os.path.join(snap, d)
            if os.path.isdir(src):
                shutil.copytree(src, dst)
            elif os.path.exists(src):
                shutil.copy2(src, dst)
        self.tokens.clear()
        self.emu_start()


def state(b, live_only=False):
    """Both sides, without Ids or times: what must not depend on where a
    crash fell.  live_only leaves deleted Salesforce tasks out (a create
    that a crash stopped before it left has none to delete)."""
    loc = sorted((t["name"], t["status"], t["priority"], t["due"] or "",
                  t["details"], t["sync"], t["sf_id"] is not None)
                 for t in b.local().values())
    sf = sorted((t["Subject"] or "", t["Status"] or "", t["Priority"] or "",
                 t["ActivityDate"] or "", t["Description"] or "",
                 t["OwnerId"], bool(t["IsDeleted"]))
                for t in b.sf_tasks()
                if not (live_only and t["IsDeleted"]))
    conf = sorted((c["name"], c["field"], c["lost"] or "", c["lost_side"])
                  for c in b.conflicts())
    links = sorted(t["sf_id"] for t in b.local().values() if t["sf_id"])
    return {"local": loc, "sf": sf, "conflicts": conf,
            "dup_links": len(links) != len(set(links))}


def diff(a, b):
    out = []
    for k in a:
        if a[k] != b[k]:
            out.append("%s:\n  want %r\n  got  %r" % (k, a[k], b[k]))
    return "\n".join(out)


def after(b, live_only=False):
    """Restarts without the hook until a cycle succeeds; then the state,
    and the writes of one more cycle (C9)."""
    if b.converge() < 0:
        return None, -1
    st = state(b, live_only)
    b.ctl("DELETE", "calls")
    b.td("sync", "--once", check=False)
    return st, b.writes()


def scenario(name, prepare, rep_id_holder, between=None):
    """between, if given, is a local change made while the sync is dead
    at its step n (the same moment as a change landing while the push is
    held there), before the restart; the reference makes it after one
    uncrashed cycle."""
    global total_crashes
    live = between is not None
    b = Bench("td-crash")
    b.port = free_port()
    try:
        b.emu_start()
        out = b.ctl("POST", "seed", SEED)
        rep_id_holder["rep"] = out["users"]["rep"]
        b.sfids = out["tasks"]
        b.login()
        # No request is in flight when a crash point fires, so a short
        # settle window is enough (C6; the default is 120 s).
        b.td("config", "set", "sync.create_settle", "1")
        prepare(b)
        b.save()
        if between is not None:
            b.td("sync", "--once", check=False)
            between(b)
        ref, w = after(b, live)
        tap(ref is not None and w == 0 and not ref["dup_links"],
            "%s: reference run converges, then 0 writes (C9)" % name,
            "writes %s" % w)
        crashes = 0
        n = 1
        while n < 200:
            b.restore()
            env = dict(b.env)
            env["TASKDECK_CRASH_AT"] = str(n)
            p = subprocess.run([b.taskdeck, "sync", "--once"], env=env,
                               capture_output=True, text=True)
            if p.returncode != -9:
                break              # finished before reaching step n
            crashes += 1
            if between is not None:
                between(b)
            got, w = after(b, live)
            ic = b.integrity()
            ok = got is not None and got == ref and w == 0 and ic == "ok"
            if not ok:
                tap(False, "%s: crash at durable step %d" % (name, n),
                    "no convergence" if got is None else
                    diff(ref, got) + "\nC9 writes %d, integrity %s" %
                    (w, ic))
            n += 1
        total_crashes += crashes
        tap(crashes > 0 and n < 200,
            "%s: killed at each of %d durable steps, every restart ends in "
            "the reference state (C6, C7, C9)" % (name, crashes))
        return crashes
    finally:
        b.close()


def sfid_of(b, subject):
    for t in b.sf_tasks():
        if t["Subject"] == subject and not t["IsDeleted"]:
            return t["Id"]
    raise KeyError(subject)


def lid_of(b, name):
    for t in b.local().values():
        if t["name"] == name:
            return t["id"]
    raise KeyError(name)


def synced(b):
    b.td("add", "Before T0")
    b.td("sync", "--enable")
    if b.converge() < 0:
        raise RuntimeError("no first sync")


def p_first(b):
    b.td("add", "Before T0")
    b.td("sync", "--enable")


def p_create(b):
    synced(b)
    b.td("add", "New one", "--due", "2026-11-25", "--priority", "high",
         "--details", "made while on")
    b.td("add", "Second new")


def p_edit(b):
    synced(b)
    lid = lid_of(b, "Call Ana")
    b.td("edit", lid, "--details", "edited here", "--due", "2026-11-30")
    b.td("done", lid_of(b, "Half done"))


def p_delete(b):
    synced(b)
    b.td("rm", lid_of(b, "Renewal"))


def p_pull(b):
    synced(b)
    b.sf("col", "PATCH", "sobjects/Task/" + sfid_of(b, "Call Ana"),
         {"Description": "from the web", "Status": "Completed"})
    b.sf("rep", "DELETE", "sobjects/Task/" + sfid_of(b, "Renewal"))
    b.sf("rep", "POST", "sobjects/Task", {"Subject": "Made in SF",
                                          "Priority": "High"})


def p_conflict(b):
    synced(b)
    b.td("edit", lid_of(b, "Call Ana"), "--details", "local text",
         "--priority", "normal")
    b.td("edit", lid_of(b, "Half done"), "--details", "local wins")
    time.sleep(1.6)   # Date has one-second resolution: a clear order
    b.sf("col", "PATCH", "sobjects/Task/" + sfid_of(b, "Call Ana"),
         {"Description": "sf text later"})
    b.sf("rep", "PATCH", "sobjects/Task/" + sfid_of(b, "Renewal"),
         {"Priority": "High"})
    b.td("rm", lid_of(b, "Renewal"))
    time.sleep(1.6)
    b.td("edit", lid_of(b, "Half done"), "--details", "local wins later")


def p_lost(b):
    synced(b)
    b.ctl("POST", "faults", {"kind": "applied_drop", "method": "POST",
                             "path": tdlib.COMPOSITE})
    b.td("add", "Lost response")
    b.td("sync", "--once", check=False)
    b.td("edit", lid_of(b, "Lost response"), "--details", "after")


def p_create_rm(b):
    synced(b)
    b.td("add", "Doomed new", "--due", "2026-11-25", "--details", "x")
    b.td("add", "Kept new", "--priority", "high")


def b_create_rm(b):
    b.td("rm", lid_of(b, "Doomed new"))


def p_update_rm(b):
    synced(b)
    b.td("edit", lid_of(b, "Call Ana"), "--details", "edited, then gone")
    b.td("done", lid_of(b, "Half done"))


def b_update_rm(b):
    b.td("rm", lid_of(b, "Call Ana"))


def b_create_edit(b):
    b.td("edit", lid_of(b, "Kept new"), "--details", "edited in flight",
         "--due", "2026-12-01")
    b.td("done", lid_of(b, "Doomed new"))


def main():
    # SIGTERM (make's timeout, a CI cancel) still stops our sfemu.
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    holder = {}
    start = time.time()
    per = []
    for name, prep in (("first sync import", p_first),
                       ("local create push", p_create),
                       ("edit push", p_edit),
                       ("delete push", p_delete),
                       ("remote edit pull", p_pull),
                       ("conflict", p_conflict),
                       ("lost create response", p_lost)):
        per.append((name, scenario(name, prep, holder)))
    # Delete (and edit) during push: the rep's rm lands while the sync
    # is stopped at each durable step of pushing that reminder (C2: it
    # never comes back, C7: an edit is not lost).
    for name, prep, btw in (
            ("rm during create push", p_create_rm, b_create_rm),
            ("rm during update push", p_update_rm, b_update_rm),
            ("edit during create push", p_create_rm, b_create_edit)):
        per.append((name, scenario(name, prep, holder, btw)))
    print("# durable-step crashes: %s; total %d in %.0f s" % (
        ", ".join("%s %d" % kv for kv in per), total_crashes,
        time.time() - start))
    print("1..%d" % n_tap)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
