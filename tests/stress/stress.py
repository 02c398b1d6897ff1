#!/usr/bin/env python3
# taskdeck - SPDX-License-Identifier: ISC
"""Randomized convergence (issue #6, part 1).

Seeded and reproducible: prints its seed; STRESS_SEED=n re-runs it,
STRESS_ROUNDS=n sets the rounds, STRESS_SECONDS=s stops starting rounds
after s seconds of wall time (whichever comes first).  C6 has two modes:
with an external-Id field (sf.external_id_field TaskdeckKey__c, unique
in sfemu) and without one (sync.create_settle SETTLE seconds, longer
than any latency fault); the rounds alternate between them, or
STRESS_EXTID=1 / 0 keeps one.

Each round:
  A. random operations on both sides while nothing syncs: local edits
     through the taskdeck CLI (add, edit fields, done/reopen, rm), and
     Salesforce edits through sfemu's REST API as the rep and as a
     colleague (edits of the rep's tasks, out-of-scope tasks: the
     colleague's own, the rep's logged e-mails and recurring tasks);
  B. chaos: random faults armed through the control API (5xx, dropped
     connections, truncated bodies, applied-then-dropped writes, expired
     sessions, 401, latency, API limit), `taskdeck sync --once` or
     `sync --watch` started in the background and SIGKILLed at random
     moments, more one-sided operations meanwhile;
  C. faults cleared, sync to quiescence, then the checks against the
     model: every item exactly once on each side (C6), every field as
     SPEC F and C4 say (last writer wins per field on Salesforce's clock,
     ties and near-ties either way but the loser in the conflict log; F2,
     F3 mapping; F6 names), edit against delete (C4), deletes stay
     deleted (C2), nothing out of scope imported (F7), pre-T0 reminders
     never pushed (S3), a further cycle writes nothing (C9), and
     PRAGMA integrity_check.

Why phases: in phase A no sync runs, so both-sided edits are true
conflicts whose winner the model can decide from the times; in phase B a
task is touched by one side only, so the outcome does not depend on
where the kills fell.  Salesforce stamps LastModifiedDate per record, so
the remote time of a field is the time of the record's last write.

Prints TAP (one test per round, plus totals as comments)."""

import json
import os
import random
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdlib  # noqa: E402

FIELDS = ("name", "status", "priority", "due", "details")
SF_FIELD = {"name": "Subject", "status": "Status", "priority": "Priority",
            "due": "ActivityDate", "details": "Description"}
SF_STATUS = ["Not Started", "Completed", "In Progress",
             "Waiting on someone else", "Deferred"]
SF_PRIO = ["Normal", "High", "Low"]
MARGIN = 1.5        # seconds: closer edits may go either way (Date is 1 s)
SETTLE = 3          # sync.create_settle: above the 1.5 s latency faults
WORDS = ["call", "email", "Ana", "renewal", "demo", "follow up", "quote",
         "Zürich", "会议", "ünïcødé", "check-in", "contract", "lunch"]


def to_sf(f, v):
    """Local value -> Salesforce value (F2, F3, F6 default template)."""
    if f == "status":
        return "Completed" if v == "complete" else "Not Started"
    if f == "priority":
        return "High" if v == "high" else "Normal"
    if f == "details":
        return v or None
    return v


def from_sf(f, v):
    """Salesforce value -> local value, None when it does not map."""
    if f == "status":
        return {"Not Started": "open", "Completed": "complete"}.get(v)
    if f == "priority":
        return {"Normal": "normal", "High": "high"}.get(v)
    if f == "details":
        return v or ""
    return v


def sf_norm(f, v):
    return (v or None) if f == "details" else v


class Item:
    """One reminder/task pair as the model sees it."""

    def __init__(self, key, origin):
        self.key = key
        self.origin = origin       # "local", "sf", "pre" (before T0)
        self.lid = None
        self.sfid = None
        self.lv = {}               # local values
        self.sv = {}               # Salesforce values (raw)
        self.gone = False          # deleted and checked
        self.reset_round()

    def reset_round(self):
        self.sv0 = dict(self.sv)   # SF values as of the last sync (base)
        self.lw = {}               # field -> [(value, t0, t1, phase)]
        self.sw = {}
        self.sf_last = None        # (t0, t1) of the last SF write
        self.sf_values = {f: [] for f in FIELDS}
        self.ldel = False
        self.sdel = False
        self.new = False           # created this round
        self.touch = set()


class Stress:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.e = tdlib.Env()
        self.items = []
        self.oos = set()           # out-of-scope SF ids
        self.ignore = set()
        self.nkey = 0
        self.ops = {}
        self.faults = {}
        self.kills = 0
        self.mode_rounds = {}
        self.syncs = 0
        self.lost = 0
        self.dups = 0
        self.div = 0
        self.problems = []
        self.conf_seen = 0
        self.round = 0
        self.limit_hit = False
        self.last = ""

    def count(self, d, k):
        d[k] = d.get(k, 0) + 1
        tdlib.trace("%s %s" % (k, self.last))

    @staticmethod
    def vlog(msg):
        tdlib.trace(msg)

    def bad(self, kind, msg):
        if kind == "lost":
            self.lost += 1
        elif kind == "dup":
            self.dups += 1
        else:
            self.div += 1
        self.problems.append("%s: %s" % (kind, msg))

    def text(self, n=3):
        return " ".join(self.rng.choice(WORDS) for _ in range(
            self.rng.randint(1, n)))

    def due(self):
        if self.rng.random() < 0.2:
            return None
        return "2026-%02d-%02d" % (self.rng.randint(11, 12),
                                   self.rng.randint(1, 28))

    def key(self):
        self.nkey += 1
        return "r%d-%d" % (self.round, self.nkey)

    # -- setup ---------------------------------------------------------
    def setup(self):
        e = self.e
        e.emu_start()
        seed = {"settings": {"device_interval": 1},
                "users": [{"key": "rep", "Name": "Dana Rivera",
                           "Username": "dana@x", "Password": "pw1"},
                          {"key": "col", "Name": "Marco Bellini",
                           "Username": "marco@x", "Password": "pw2"}],
                "tasks": []}
        for i in range(4):
            seed["tasks"].append({
                "Subject": "seed %d %s" % (i, self.text()),
                "Owner": "rep", "CreatedDaysAgo": 0,
                "Status": self.rng.choice(SF_STATUS),
                "Priority": self.rng.choice(SF_PRIO),
                "ActivityDate": self.due(), "Description": self.text(5)})
        seed["tasks"] += [
            {"Subject": "seed old", "Owner": "rep", "CreatedDaysAgo": 9},
            {"Subject": "seed mail", "Owner": "rep",
             "TaskSubtype": "Email", "CreatedDaysAgo": 0},
            {"Subject": "seed weekly", "Owner": "rep",
             "IsRecurrence": True, "CreatedDaysAgo": 0},
            {"Subject": "seed not mine", "Owner": "col",
             "CreatedDaysAgo": 0}]
        out = e.ctl("POST", "seed", seed)
        self.rep_id = out["users"]["rep"]
        ids = out["tasks"]
        for i in range(4):
            it = Item("seed%d" % i, "sf")
            it.sfid = ids[i]
            t = seed["tasks"][i]
            for f in FIELDS:
                it.sv[f] = sf_norm(f, t[SF_FIELD[f]])
            self.import_values(it)
            self.items.append(it)
        self.ignore = {ids[4]}     # outside the S2 window, never edited
        self.oos.update(ids[5:])
        e.login()
        for i in range(2):
            it = Item("pre%d" % i, "pre")
            name = "pre-T0 %d %s" % (i, self.text())
            it.lid = e.td_json("add", name, "--json")["id"]
            it.lv = {"name": name, "status": "open", "priority": "normal",
                     "due": None, "details": ""}
            self.items.append(it)
        e.td("config", "set", "sync.create_settle", str(SETTLE))
        e.td("sync", "--enable")
        if e.converge() < 0:
            raise RuntimeError("first sync did not converge")
        loc = e.local()
        for it in self.items:
            if it.origin == "sf":
                got = [t for t in loc.values() if t["sf_id"] == it.sfid]
                it.lid = got[0]["id"] if got else None
        self.check("setup")

    def import_values(self, it):
        """Local values of an SF task on first import (F2, F3, F6)."""
        it.lv = {"name": it.sv["name"],
                 "status": from_sf("status", it.sv["status"]) or "open",
                 "priority": from_sf("priority", it.sv["priority"]) or
                 "normal",
                 "due": it.sv["due"], "details": from_sf("details",
                                                         it.sv["details"])}

    # -- operations ----------------------------------------------------
    def live(self, pred):
        return [it for it in self.items if not it.gone and pred(it)]

    def local_op(self, phase):
        e, r = self.e, self.rng

        def ok_local(it):
            if it.lid is None or it.ldel:
                return False
            return phase == "A" or "sf" not in it.touch
        cands = self.live(ok_local)
        kind = r.choice(["add", "edit", "edit", "status", "rm"]
                        if cands else ["add"])
        if kind == "add":
            it = Item(self.key(), "local")
            name = "%s %s" % (it.key, self.text())
            args = ["add", name, "--json"]
            v = {"name": name, "status": "open", "priority": "normal",
                 "due": None, "details": ""}
            if r.random() < 0.7:
                v["due"] = self.due() or "2026-11-30"
                args += ["--due", v["due"]]
            if r.random() < 0.5:
                v["priority"] = r.choice(["normal", "high"])
                args += ["--priority", v["priority"]]
            if r.random() < 0.7:
                v["details"] = self.text(6)
                args += ["--details", v["details"]]
            t0 = time.time()
            it.lid = e.td_json(*args)["id"]
            t1 = time.time()
            it.lv = dict(v)
            it.new = True
            it.touch.add("local")
            for f in FIELDS:
                it.lw[f] = [(v[f], t0, t1, phase)]
            self.items.append(it)
            self.last = "%s %s %s" % (it.key, phase, it.lid)
            self.count(self.ops, "local-add")
            return
        hot = [c for c in cands if "sf" in c.touch]
        it = r.choice(hot if hot and r.random() < 0.5 else cands)
        it.touch.add("local")
        if kind == "rm":
            e.td("rm", it.lid)
            it.ldel = True
            self.last = "%s %s %s" % (it.key, phase, it.lid)
            self.count(self.ops, "local-rm")
            return
        if kind == "status":
            nv = "open" if it.lv["status"] == "complete" else "complete"
            args = ["done" if nv == "complete" else "reopen", it.lid]
            changes = {"status": nv}
            self.last = "%s %s %s" % (it.key, phase, it.lid)
            self.count(self.ops, "local-" + args[0])
        else:
            changes = {}
            pick = r.sample(["name", "priority", "due", "details"],
                            r.randint(1, 2))
            if it.sw and r.random() < 0.6:
                pick = [f for f in it.sw if f != "status"] or pick
            for f in pick:
                if f == "name":
                    nv = "%s %s" % (it.key, self.text())
                elif f == "priority":
                    nv = "high" if it.lv["priority"] == "normal" \
                        else "normal"
                elif f == "due":
                    nv = self.due()
                else:
                    nv = self.text(6) if r.random() < 0.9 else ""
                if nv != it.lv[f]:
                    changes[f] = nv
            if not changes:
                return
            args = ["edit", it.lid]
            for f, nv in changes.items():
                args += ["--" + f, nv if nv is not None else "none"]
            self.last = "%s %s %s" % (it.key, phase, it.lid)
            self.count(self.ops, "local-edit")
        t0 = time.time()
        e.td(*args)
        t1 = time.time()
        for f, nv in changes.items():
            it.lv[f] = nv
            it.lw.setdefault(f, []).append((nv, t0, t1, phase))

    def sf_op(self, phase):
        e, r = self.e, self.rng

        def ok_sf(it):
            if it.sfid is None or it.sdel or it.origin == "pre":
                return False
            return phase == "A" or "local" not in it.touch
        cands = self.live(ok_sf)
        kinds = ["create", "edit", "edit", "edit", "oos-create", "oos-edit"]
        if phase == "A":
            kinds.append("delete")
        if not cands:
            kinds = ["create", "oos-create"]
        kind = r.choice(kinds)
        user = r.choice(["rep", "col"])
        if kind == "oos-edit" and not self.oos:
            kind = "oos-create"
        if kind == "create":
            it = Item(self.key(), "sf")
            v = {"Subject": "%s %s" % (it.key, self.text()),
                 "Status": r.choice(SF_STATUS), "Priority":
                 r.choice(SF_PRIO), "ActivityDate": self.due(),
                 "Description": self.text(6) if r.random() < 0.8 else None}
            body = dict(v)
            if user == "col":
                body["OwnerId"] = self.rep_id
            t0 = time.time()
            st, out = e.sf(user, "POST", "sobjects/Task", body)
            t1 = time.time()
            if st != 201:
                raise RuntimeError("create: %s %s" % (st, out))
            it.sfid = out["id"]
            for f in FIELDS:
                it.sv[f] = sf_norm(f, v[SF_FIELD[f]])
                it.sw[f] = [(it.sv[f], t0, t1, phase)]
                it.sf_values[f].append(it.sv[f])
            it.sf_last = (t0, t1)
            it.new = True
            it.touch.add("sf")
            self.items.append(it)
            self.last = "%s %s %s" % (it.key, phase, it.lid)
            self.count(self.ops, "sf-create-" + user)
            return
        if kind == "oos-create":
            how = r.choice(["col", "email", "recurring"])
            body = {"Subject": "oos %s %s" % (self.key(), self.text())}
            if how == "email":
                body["TaskSubtype"] = "Email"
            elif how == "recurring":
                body["IsRecurrence"] = True
            st, out = e.sf("col" if how == "col" else "rep", "POST",
                           "sobjects/Task", body)
            if st != 201:
                raise RuntimeError("oos create: %s %s" % (st, out))
            self.oos.add(out["id"])
            self.count(self.ops, "sf-oos-create")
            return
        if kind == "oos-edit":
            sfid = r.choice(sorted(self.oos))
            e.sf(user, "PATCH", "sobjects/Task/" + sfid,
                 {"Description": self.text(4)})
            self.count(self.ops, "sf-oos-edit")
            return
        hot = [c for c in cands if "local" in c.touch]
        it = r.choice(hot if hot and r.random() < 0.5 else cands)
        it.touch.add("sf")
        if kind == "delete":
            t0 = time.time()
            st, out = e.sf(user, "DELETE", "sobjects/Task/" + it.sfid)
            if st != 204:
                raise RuntimeError("delete: %s %s" % (st, out))
            it.sdel = True
            self.last = "%s %s %s" % (it.key, phase, it.lid)
            self.count(self.ops, "sf-delete-" + user)
            return
        body = {}
        pick = r.sample(FIELDS, r.randint(1, 2))
        if it.lw and r.random() < 0.6:
            pick = list(it.lw)
        for f in pick:
            if f == "name":
                nv = "%s sf %s" % (it.key, self.text())
            elif f == "status":
                nv = r.choice(SF_STATUS)
            elif f == "priority":
                nv = r.choice(SF_PRIO)
            elif f == "due":
                nv = self.due()
            else:
                nv = self.text(6) if r.random() < 0.9 else None
            if nv != it.sv[f]:
                body[f] = nv
        if not body:
            return
        t0 = time.time()
        st, out = e.sf(user, "PATCH", "sobjects/Task/" + it.sfid,
                       {SF_FIELD[f]: v for f, v in body.items()})
        t1 = time.time()
        if st != 204:
            raise RuntimeError("edit: %s %s" % (st, out))
        for f, nv in body.items():
            it.sv[f] = nv
            it.sw.setdefault(f, []).append((nv, t0, t1, phase))
            it.sf_values[f].append(nv)
        it.sf_last = (t0, t1)
        self.last = "%s %s %s" % (it.key, phase, it.lid)
        self.count(self.ops, "sf-edit-" + user)

    # -- faults and kills ----------------------------------------------
    def fault(self):
        e, r = self.e, self.rng
        api = tdlib.API
        kind = r.choice(["5xx", "drop", "truncate", "applied_drop",
                         "latency", "expire", "401", "limit", "limit403"])
        self.last = "fault"
        self.count(self.faults, kind)
        if kind == "5xx":
            f = {"kind": "status", "status": r.choice([500, 502, 503]),
                 "body": '[{"message":"busy","errorCode":'
                         '"SERVER_UNAVAILABLE"}]'}
        elif kind == "drop":
            f = {"kind": "drop"}
        elif kind == "truncate":
            f = {"kind": "truncate", "method": "GET",
                 "path": api + "query"}
        elif kind == "applied_drop":
            f = {"kind": "applied_drop", "path": tdlib.COMPOSITE,
                 "method": r.choice(["POST", "PATCH", "DELETE"])}
        elif kind == "latency":
            f = {"kind": "latency", "latency_ms": r.randint(200, 1500)}
        elif kind == "401":
            f = {"kind": "status", "status": 401, "count": 1,
                 "body": '[{"message":"Session expired or invalid",'
                         '"errorCode":"INVALID_SESSION_ID"}]'}
        elif kind == "limit403":
            f = {"kind": "status", "status": 403,
                 "body": '[{"message":"TotalRequests Limit exceeded.",'
                         '"errorCode":"REQUEST_LIMIT_EXCEEDED"}]'}
        elif kind == "expire":
            e.ctl("POST", "expire-sessions", {})
            e.tokens.clear()
            return
        else:
            lim = e.ctl("GET", "limits")
            mx = lim.get("limit") or lim.get("Max") or 15000
            e.ctl("POST", "limits", {"limit": mx, "usage": mx})
            self.limit_hit = True
            return
        f.setdefault("method", "*")
        f.setdefault("path", r.choice([api, api + "query",
                                       tdlib.COMPOSITE]))
        f.setdefault("count", r.randint(1, 3))
        e.ctl("POST", "faults", f)

    def clear_faults(self):
        self.e.ctl("DELETE", "faults")
        if self.limit_hit:
            self.e.ctl("POST", "limits", {"limit": 15000, "usage": 0})
            self.limit_hit = False

    def chaos(self):
        """Phase B.  The driver's own Salesforce calls are made while no
        fault is armed, so a fault only ever hits taskdeck."""
        e, r = self.e, self.rng
        for _ in range(r.randint(1, 4)):
            if r.random() < 0.3:
                self.clear_faults()
                self.sf_op("B")
            for _ in range(r.choice([0, 0, 1, 2])):
                self.fault()
            if r.random() < 0.25:
                # A long-running engine, killed while local edits go on.
                p = e.spawn_sync("--watch")
                self.syncs += 1
                deadline = time.time() + r.uniform(0.2, 1.5)
                while time.time() < deadline:
                    self.local_op("B")
                    time.sleep(r.uniform(0, 0.2))
                tdlib.kill(p)
                self.kills += 1
                self.vlog("killed sync --watch")
                continue
            p = e.spawn_sync("--once")
            self.syncs += 1
            if r.random() < 0.3:
                self.local_op("B")
            if r.random() < 0.6:
                time.sleep(r.uniform(0, 0.25))
                if p.poll() is None:
                    self.kills += 1
                    self.vlog("killed sync --once")
                tdlib.kill(p)
            else:
                try:
                    p.wait(timeout=60)
                except Exception:
                    tdlib.kill(p)

    # -- the round -------------------------------------------------------
    def set_mode(self, rnd):
        """C6 mode of round rnd: with an external-Id field or without
        (the create settle window).  Switched only between rounds, when
        nothing is pending."""
        want = os.environ.get("STRESS_EXTID")
        extid = int(want) if want else rnd % 2
        self.e.td("config", "set", "sf.external_id_field",
                  "TaskdeckKey__c" if extid else "")
        self.mode_rounds[extid] = self.mode_rounds.get(extid, 0) + 1

    def run_round(self):
        r = self.rng
        self.set_mode(self.round)
        for it in self.items:
            it.reset_round()
        for _ in range(r.randint(2, 8)):
            if r.random() < 0.5:
                self.local_op("A")
            else:
                self.sf_op("A")
            if r.random() < 0.12:
                time.sleep(MARGIN + 0.1)   # a clear winner, now and then
        self.chaos()
        self.clear_faults()
        n = self.e.converge()
        if n < 0:
            self.bad("div", "round %d: no convergence" % self.round)
        self.expect()
        self.check("round %d" % self.round)

    def expect(self):
        """Applies the round's writes to the model (C4, F2, F3, F6) and
        lists the conflict-log entries the round must have produced."""
        self.need = []       # (lid, field or None, lost_side, desc)
        for it in self.items:
            if it.gone:
                continue
            if it.ldel or it.sdel:
                it.gone = True
                if it.sdel and it.lid is not None and any(
                        w[3] == "A" for ws in it.lw.values() for w in ws) \
                        and not it.ldel:
                    self.need.append((it.lid, None, "local",
                                      "%s: local edit vs SF delete" %
                                      it.key))
                if it.ldel and not it.sdel and it.sfid is not None and \
                        not it.new and self.sf_changed(it):
                    self.need.append((it.lid, "record", "salesforce",
                                      "%s: SF edit vs local delete" %
                                      it.key))
                continue
            if it.origin == "sf" and it.new:
                self.expect_import(it)
                continue
            for f in FIELDS:
                self.expect_field(it, f)

    @staticmethod
    def sf_changed(it, fields=FIELDS):
        """Whether Salesforce's values differ from the last sync's.  Two
        edits that put a field back (A, B, A) leave it unchanged: the
        engine sees only values, and C3/C4 speak of fields changed since
        the last sync."""
        return any(it.sv.get(f) != it.sv0.get(f) for f in fields)

    def expect_import(self, it):
        it.allowed = {}
        it.lv = {f: None for f in FIELDS}
        # F6: the name is the Subject as of the first pull that saw it.
        it.allowed["name"] = set(it.sf_values["name"])
        for f, dflt in (("status", "open"), ("priority", "normal")):
            m = from_sf(f, it.sv[f])
            if m is not None:
                it.allowed[f] = {m}
            else:
                it.allowed[f] = {dflt} | {from_sf(f, v) for v in
                                          it.sf_values[f]} - {None}
        for f in ("due", "details"):
            it.lv[f] = from_sf(f, it.sv[f])

    def expect_field(self, it, f):
        lw = it.lw.get(f)
        sw = it.sw.get(f)
        if not hasattr(it, "allowed"):
            it.allowed = {}
        if lw and not sw:
            it.sv[f] = to_sf(f, lw[-1][0])
            return
        if not lw and not sw:
            return
        if sw and not lw:
            if f == "name":
                return
            m = from_sf(f, it.sv[f])
            if f in ("due", "details"):
                it.lv[f] = m
            elif m is not None:
                it.lv[f] = m
            elif f in ("status", "priority"):
                it.allowed[f] = {it.lv[f]} | {from_sf(f, v) for v in
                                              it.sf_values[f]} - {None}
            return
        # Both sides changed the field with no sync between (phase A).
        lval, lt0, lt1, _ = lw[-1]
        if not self.sf_changed(it, (f,)):
            it.sv[f] = to_sf(f, lval)      # SF put it back: unchanged
            return
        sval = it.sv[f]
        st0, st1 = it.sf_last
        same = to_sf(f, lval) == sval
        if same:
            it.sv[f] = sval
            return
        if lt1 + MARGIN < st0:
            winner = {"sf"}
        elif st1 + MARGIN < lt0:
            winner = {"local"}
        else:
            winner = {"sf", "local"}
        it.conflict = getattr(it, "conflict", {})
        it.conflict[f] = (winner, lval, sval)

    # -- checks ----------------------------------------------------------
    def check(self, where):
        e = self.e
        loc = e.local()
        sf = {t["Id"]: t for t in e.sf_tasks()}
        conf = e.conflicts()
        new_conf = [c for c in conf if c["id"] > self.conf_seen]
        if conf:
            self.conf_seen = max(c["id"] for c in conf)
        by_sf = {}
        for t in loc.values():
            if t["sf_id"] is not None:
                by_sf.setdefault(t["sf_id"], []).append(t)
        for sfid, ts in by_sf.items():
            if len(ts) > 1:
                self.bad("dup", "%s: %d reminders share SF task %s" % (
                    where, len(ts), sfid))
            if sfid in self.oos:
                self.bad("div", "%s: out-of-scope task %s imported (F7)" %
                         (where, sfid))
        known_l, known_s = set(), set()
        for it in self.items:
            if it.origin == "sf" and it.lid is None and not it.gone:
                got = by_sf.get(it.sfid, [])
                if len(got) == 1:
                    it.lid = got[0]["id"]
            if it.sfid is None and it.lid in loc and not it.gone:
                it.sfid = loc[it.lid]["sf_id"]
            if it.lid is not None and not it.gone:
                known_l.add(it.lid)
            if it.sfid is not None:
                known_s.add(it.sfid)
            if it.gone:
                self.check_gone(where, it, loc, sf)
            else:
                self.check_item(where, it, loc, sf, new_conf)
        for lid, t in loc.items():
            if lid not in known_l:
                self.bad("dup", "%s: unexpected reminder %s %r" % (
                    where, lid, t["name"]))
        for sfid, t in sf.items():
            if t["IsDeleted"] or sfid in known_s or sfid in self.oos or \
                    sfid in self.ignore:
                continue
            if t["OwnerId"] != self.rep_id:
                continue
            self.bad("dup", "%s: unexpected SF task %s %r" % (
                where, sfid, t["Subject"]))
        for lid, field, side, desc in getattr(self, "need", []):
            if not any(c["reminder_id"] == lid and c["lost_side"] == side
                       and (field is None or c["field"] == field)
                       for c in new_conf):
                self.bad("lost", "%s: no conflict-log entry for %s" % (
                    where, desc))
        self.need = []
        # C9: a further cycle writes nothing.
        e.ctl("DELETE", "calls")
        rc, _, err = e.td("sync", "--once", check=False)
        if rc != 0:
            self.bad("div", "%s: idle cycle failed: %s" % (where,
                                                           err.strip()))
        if e.writes() != 0:
            self.bad("div", "%s: idle cycle wrote %d times (C9): %s" % (
                where, e.writes(), json.dumps(e.calls())))
        ic = e.integrity()
        if ic != "ok":
            self.bad("div", "%s: integrity_check: %s" % (where, ic))

    def check_gone(self, where, it, loc, sf):
        t = loc.get(it.lid) if it.lid is not None else None
        # A deleted reminder's id may be reused: compare identities.
        if t is not None and (t["sf_id"] == it.sfid if it.sfid else
                              t["name"] == it.lv.get("name")):
            self.bad("div", "%s: %s deleted but back locally (C2)" % (
                where, it.key))
        if it.sfid is not None and it.sfid in sf and \
                not sf[it.sfid]["IsDeleted"]:
            self.bad("div", "%s: %s deleted but live in SF (C2)" % (
                where, it.key))

    def check_item(self, where, it, loc, sf, new_conf):
        t = loc.get(it.lid) if it.lid is not None else None
        if t is None:
            self.bad("lost", "%s: %s missing locally" % (where, it.key))
            it.gone = True
            return
        if it.origin == "pre":
            if t["sf_id"] is not None or t["sync"] != "local":
                self.bad("div", "%s: pre-T0 %s pushed (S3)" % (where,
                                                               it.key))
            for f in FIELDS:
                if t[f] != it.lv[f]:
                    self.bad("div", "%s: %s local %s %r != %r" % (
                        where, it.key, f, t[f], it.lv[f]))
            return
        if it.sfid is None:
            it.sfid = t["sf_id"]
        if t["sf_id"] is None or t["sf_id"] != it.sfid:
            self.bad("div", "%s: %s not linked (sf_id %s, want %s)" % (
                where, it.key, t["sf_id"], it.sfid))
            return
        s = sf.get(it.sfid)
        if s is None or s["IsDeleted"]:
            self.bad("lost", "%s: %s missing in SF" % (where, it.key))
            it.gone = True
            return
        if t["sync"] != "synced":
            self.bad("div", "%s: %s badge %s" % (where, it.key, t["sync"]))
        conflict = getattr(it, "conflict", {})
        allowed = getattr(it, "allowed", {})
        for f in FIELDS:
            sval = sf_norm(f, s[SF_FIELD[f]])
            lval = t[f]
            if f in conflict:
                winner, lw, sw = conflict[f]
                got = None
                if sval == to_sf(f, lw) and "local" in winner:
                    got = "local"
                elif sval == sw and "sf" in winner:
                    got = "sf"
                if got is None:
                    self.bad("div", "%s: %s %s: SF %r, expected winner %s "
                             "of local %r / SF %r" % (
                                 where, it.key, f, sval, "/".join(
                                     sorted(winner)), lw, sw))
                    continue
                it.sv[f] = sval
                # A status or priority that does not map leaves the
                # reminder as it was (F2, F3); a cleared due date maps.
                if got == "local" or f == "name" or (
                        f in ("status", "priority") and
                        from_sf(f, sw) is None):
                    it.lv[f] = lw
                else:
                    it.lv[f] = from_sf(f, sw)
                side = "local" if got == "sf" else "salesforce"
                if not any(c["reminder_id"] == it.lid and c["field"] == f
                           and c["lost_side"] == side for c in new_conf):
                    self.bad("lost", "%s: %s %s: %s value lost without a "
                             "conflict-log entry (C4)" % (where, it.key,
                                                          f, side))
                self.count(self.ops, "conflict-" + got + "-wins")
            if f in allowed:
                if lval not in allowed[f]:
                    self.bad("div", "%s: %s local %s %r not in %r" % (
                        where, it.key, f, lval, allowed[f]))
                else:
                    it.lv[f] = lval
            if sval != it.sv[f]:
                self.bad("div", "%s: %s SF %s %r, expected %r" % (
                    where, it.key, f, sval, it.sv[f]))
                it.sv[f] = sval
            if lval != it.lv[f]:
                self.bad("div", "%s: %s local %s %r, expected %r" % (
                    where, it.key, f, lval, it.lv[f]))
                it.lv[f] = lval
            m = from_sf(f, sval)
            if f not in ("name",) and m is not None and m != lval:
                self.bad("div", "%s: %s %s disagrees: local %r SF %r "
                         "(F)" % (where, it.key, f, lval, sval))
        it.conflict = {}
        it.allowed = {}


def main():
    # SIGTERM (make's timeout, a CI cancel) still stops our sfemu.
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    seed = int(os.environ.get("STRESS_SEED") or
               int.from_bytes(os.urandom(4), "big") % 1000000)
    rounds = int(os.environ.get("STRESS_ROUNDS") or 1000)
    budget = float(os.environ.get("STRESS_SECONDS") or 0)
    print("# seed %d (re-run: STRESS_SEED=%d STRESS_ROUNDS=%d)" % (
        seed, seed, rounds), flush=True)
    s = Stress(seed)
    start = time.time()
    n = 0
    try:
        s.setup()
        print("%s 1 - setup: first sync converged" % (
            "ok" if not s.problems else "not ok"), flush=True)
        for s.round in range(1, rounds + 1):
            before = len(s.problems)
            s.run_round()
            n += 1
            okr = len(s.problems) == before
            print("%s %d - round %d%s" % ("ok" if okr else "not ok",
                                          n + 1, s.round, "" if okr else
                                          ": " + "; ".join(
                                              s.problems[before:])[:2000]),
                  flush=True)
            if budget and time.time() - start > budget:
                break
    finally:
        s.clear_faults() if s.e.emu is not None else None
        dur = time.time() - start
        print("# rounds %d in %.0f s, seed %d" % (n, dur, seed))
        print("# operations: %s (total %d)" % (
            ", ".join("%s %d" % kv for kv in sorted(s.ops.items())
                      if not kv[0].startswith("conflict")),
            sum(v for k, v in s.ops.items()
                if not k.startswith("conflict"))))
        print("# conflicts resolved: %s" % ", ".join(
            "%s %d" % kv for kv in sorted(s.ops.items())
            if kv[0].startswith("conflict")))
        print("# faults: %s (total %d)" % (
            ", ".join("%s %d" % kv for kv in sorted(s.faults.items())),
            sum(s.faults.values())))
        print("# sync processes %d, SIGKILLed %d" % (s.syncs, s.kills))
        print("# C6 modes: external-Id field %d rounds, settle window "
              "(%d s) %d rounds" % (s.mode_rounds.get(1, 0), SETTLE,
                                    s.mode_rounds.get(0, 0)))
        print("# lost edits %d, duplicates %d, divergences %d" % (
            s.lost, s.dups, s.div))
        s.e.close()
    print("1..%d" % (n + 1))
    return 0 if not s.problems else 1


if __name__ == "__main__":
    sys.exit(main())
