# taskdeck - SPDX-License-Identifier: ISC
"""Helpers for the stress and crash-point tests: a real sfemu on an
ephemeral loopback port, its control API, REST calls as the rep or a
colleague, and the taskdeck CLI on a throwaway profile.  Standard library
only (python3), so the tests need nothing beyond the build's own tools."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

API = "/services/data/v59.0/"
COMPOSITE = API + "composite/sobjects"
VERBOSE = bool(os.environ.get("STRESS_VERBOSE"))


def trace(msg):
    """With STRESS_VERBOSE, one timestamped line of what was done."""
    if VERBOSE:
        print("#   %.3f %s" % (time.time(), msg), flush=True)


class Env:
    """A temporary profile (XDG dirs, cache) and an sfemu serving it."""

    def __init__(self, prefix="td-stress"):
        build = os.environ.get("TD_BUILDDIR") or os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "..", "..")
        self.taskdeck = os.path.join(build, "src", "taskdeck")
        self.sfemu = os.path.join(build, "src", "sfemu", "sfemu")
        self.tmp = tempfile.mkdtemp(prefix=prefix + ".",
                                    dir=os.environ.get("TMPDIR", "/tmp"))
        self.env = dict(os.environ)
        for k in ("TASKDECK_DB", "NO_COLOR", "TASKDECK_CRASH_AT",
                  "SF_ACCESS_TOKEN", "SF_INSTANCE_URL", "LANGUAGE"):
            self.env.pop(k, None)
        self.env.update({
            "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"),
            "XDG_DATA_HOME": os.path.join(self.tmp, "data"),
            "XDG_STATE_HOME": os.path.join(self.tmp, "state"),
            "HOME": os.path.join(self.tmp, "home"),
            "TZ": "UTC", "LC_ALL": "C.UTF-8",
            "TASKDECK_TODAY": "2026-11-23",
        })
        if VERBOSE:
            self.env["TASKDECK_DEBUG"] = "1"   # merge decisions logged
        os.makedirs(self.env["HOME"])
        self.cache = os.path.join(self.env["XDG_DATA_HOME"], "taskdeck",
                                  "cache.db")
        self.emu = None
        self.url = None
        self.tokens = {}

    # -- sfemu ---------------------------------------------------------
    def emu_start(self):
        portf = os.path.join(self.tmp, "emu.port")
        with open(portf, "w") as out, \
                open(os.path.join(self.tmp, "emu.err"), "w") as err:
            self.emu = subprocess.Popen(
                [self.sfemu, "--port", "0", "--print-port", "--db",
                 os.path.join(self.tmp, "sfemu.db")], stdout=out,
                stderr=err)
        for _ in range(200):
            with open(portf) as f:
                line = f.readline().strip()
            if line:
                self.url = "http://127.0.0.1:" + line
                return
            time.sleep(0.05)
        raise RuntimeError("sfemu did not start")

    def close(self):
        if self.emu is not None:
            self.emu.terminate()
            self.emu.wait()
            self.emu = None
        if os.environ.get("STRESS_KEEP"):
            print("# kept " + self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def http(self, method, path, body=None, token=None, raw=False,
             headers=None):
        """One HTTP call; (status, parsed JSON or text)."""
        data = None
        hdrs = dict(headers or {})
        if body is not None:
            data = body if isinstance(body, bytes) else \
                json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if token is not None:
            hdrs["Authorization"] = "Bearer " + token
        req = urllib.request.Request(self.url + path, data=data,
                                     method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode()
        if raw or not text:
            return status, text
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def ctl(self, method, what, body=None):
        status, out = self.http(method, "/__sfemu/" + what, body)
        if status >= 300:
            raise RuntimeError("control %s %s: %s %s" % (method, what,
                                                         status, out))
        return out

    def token(self, user):
        if user not in self.tokens:
            self.tokens[user] = self.ctl("POST", "token",
                                         {"user": user})["access_token"]
        return self.tokens[user]

    def sf(self, user, method, path, body=None):
        """A REST call as a seeded user (rep, col), outside taskdeck; a
        session revoked by expire-sessions is replaced once."""
        trace("sf %s %s %s %s" % (user, method, path,
                                  json.dumps(body, ensure_ascii=False)))
        for _ in range(2):
            status, out = self.http(method, API + path, body,
                                    token=self.token(user))
            if status != 401:
                return status, out
            self.tokens.pop(user, None)
        return status, out

    def sf_tasks(self):
        """Every task of the org, deleted ones too (control API)."""
        return self.ctl("GET", "tasks")

    def calls(self):
        return self.ctl("GET", "calls") or {}

    def writes(self):
        n = 0
        for k, v in self.calls().items():
            m = k.split(" ", 1)
            if m[0] in ("POST", "PATCH", "DELETE") and \
                    m[1].startswith("/services/data"):
                n += v
        return n

    # -- taskdeck ------------------------------------------------------
    def td(self, *args, env=None, check=True):
        """Runs taskdeck; (rc, stdout, stderr)."""
        e = self.env if env is None else env
        if args and args[0] in ("add", "edit", "done", "reopen", "rm"):
            trace("td " + " ".join(str(a) for a in args))
        p = subprocess.run([self.taskdeck] + [str(a) for a in args],
                           env=e, capture_output=True, text=True)
        if check and p.returncode not in (0,):
            raise RuntimeError("taskdeck %s: rc %d: %s" % (
                " ".join(str(a) for a in args), p.returncode,
                p.stderr.strip()))
        return p.returncode, p.stdout, p.stderr

    def td_json(self, *args):
        return json.loads(self.td(*args)[1])

    def spawn_sync(self, mode="--once", env=None):
        return subprocess.Popen([self.taskdeck, "sync", mode],
                                env=self.env if env is None else env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def login(self):
        """`taskdeck login` by the device flow, approved as the rep."""
        self.ctl("POST", "settings", {"device_interval": 1})
        out = os.path.join(self.tmp, "login.out")
        with open(out, "w") as f:
            p = subprocess.Popen([self.taskdeck, "login", "--instance",
                                  self.url, "--client-id", "td-stress"],
                                 env=self.env, stdout=f,
                                 stderr=subprocess.DEVNULL)
        code = None
        for _ in range(200):
            with open(out) as f:
                for line in f:
                    if "code:" in line:
                        code = line.split("code:")[1].strip()
            if code:
                break
            time.sleep(0.05)
        self.ctl("POST", "device/approve", {"user_code": code})
        if p.wait() != 0:
            raise RuntimeError("login failed")

    def local(self):
        """Live local reminders by id."""
        return {t["id"]: t for t in self.td_json("list", "--all", "--json")}

    def conflicts(self):
        return self.td_json("conflicts", "--json")

    def integrity(self):
        db = sqlite3.connect("file:%s?mode=ro" % self.cache, uri=True)
        try:
            return db.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            db.close()

    def pending(self):
        return json.loads(self.td("status", "--json")[1])["pending"]

    def converge(self, tries=12, settle=10.0):
        """Syncs until a cycle succeeds with nothing pending; the number
        of cycles it took, or -1.  A successful cycle that leaves
        something pending is a create settling (sync.create_settle): it
        waits, for up to settle seconds in all, without using a try."""
        i = 0
        waited = 0.0
        while i < tries:
            rc, _, _ = self.td("sync", "--once", check=False)
            if rc == 0 and self.pending() == 0:
                return i + 1
            if rc == 0 and waited < settle:
                time.sleep(0.25)
                waited += 0.25
                continue
            i += 1
        return -1


def kill(p):
    """SIGKILL a child we started, and reap it."""
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait()
