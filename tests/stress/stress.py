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
     tasks leaving scope (reassigned to the colleague, made recurring,
     turned into a logged e-mail: F7) and the colleague's tasks
     reassigned to the rep; tasks created or edited with a stamp ahead
     of Salesforce's clock (C1); Subject edits against local renames
     (F6, STRESS_F6=0 to leave out); now and then 32,000-character
     descriptions (STRESS_HUGE a run); one round in ten with sync
     switched off and a reminder added meanwhile (S3, S5);
  B. chaos: random faults armed through the control API (5xx, dropped
     connections, truncated bodies, applied-then-dropped writes, expired
     sessions, 401, latency, API limit), `taskdeck sync --once` or
     `sync --watch` started in the background and SIGKILLed at random
     moments, more one-sided operations meanwhile; and in-flight
     moves: a latency fault holds the push of a fresh add or edit in
     sfemu while the CLI removes, edits or completes that reminder
     (C2, C7);
  C. faults cleared, sync to quiescence (`sync --once` cycles, or with
     STRESS_STREAM=1 a `sync --watch` subscribed to Change Data Capture
     while more one-sided moves are made: C12), then the checks against the
     model: every item exactly once on each side (C6), every field as
     SPEC F and C4 say (last writer wins per field on Salesforce's clock,
     ties and near-ties either way but the loser in the conflict log; F2,
     F3 mapping; F6 names), edit against delete (C4), deletes stay
     deleted (C2), nothing out of scope imported (F7), pre-T0 reminders
     never pushed (S3), a task that left scope is off the list with a
     conflict-log notice and nothing local written to it (F7), a further
     cycle writes nothing (C9), and PRAGMA integrity_check.  Each
     problem counts as lost, duplicate, divergence or resurrected
     delete, once.

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
import sqlite3
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
FUTURE = 4e9        # the write time of a record stamped ahead of the clock
# F6 x C4: Salesforce Subject edits against local renames in one round
# (the local rename is pushed, the Subject edit is logged as lost).
# STRESS_F6=0 keeps the two sides off each other's name in a round.
F6_MOVE = os.environ.get("STRESS_F6", "1") != "0"
HUGE = int(os.environ.get("STRESS_HUGE", "4"))   # 32,000-char texts a run
SETTLE = 3          # sync.create_settle: above the 1.5 s latency faults
# STRESS_STREAM=1: phase C is a `sync --watch` subscribed to Change Data
# Capture (C12) instead of `sync --once` cycles; see Stress.stream_phase.
STREAM = os.environ.get("STRESS_STREAM", "0") != "0"
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
        self.away = None           # why it left scope (F7), or None
        self.away_round = -1
        self.reset_round()

    def reset_round(self):
        self.sv0 = dict(self.sv)   # SF values as of the last sync (base)
        self.lv0 = dict(self.lv)   # local values as of the last sync
        self.sf_either = {}        # field -> SF values either way
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
        self.oos_col = set()       # the colleague's own (may come to us)
        self.res = 0
        self.reported = set()
        self.huge = 0
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

    def bad(self, kind, msg, key=None):
        # One finding is counted once, not again every round after; a
        # resurrected delete once per item (key), on either side.
        what = (kind, msg.split(": ", 1)[-1])
        if what in self.reported:
            return
        self.reported.add(what)
        if key is not None:
            if (kind, key) in self.reported:
                self.problems.append("%s: %s" % (kind, msg))
                return
            self.reported.add((kind, key))
        if kind == "lost":
            self.lost += 1
        elif kind == "dup":
            self.dups += 1
        elif kind == "res":
            self.res += 1
        else:
            self.div += 1
        self.problems.append("%s: %s" % (kind, msg))

    def text(self, n=3):
        return " ".join(self.rng.choice(WORDS) for _ in range(
            self.rng.randint(1, n)))

    def details(self, n=6):
        """A description: now and then (HUGE a run) 32,000 characters,
        Salesforce's limit, mostly CJK (3 bytes each in UTF-8)."""
        if self.huge < HUGE and self.rng.random() < 0.02:
            self.huge += 1
            self.count(self.ops, "huge-description")
            base = "".join(self.rng.choice("会议合同报价跟进客户") for _ in
                           range(97)) + "ü Zürich "
            return (base * (32000 // len(base) + 1))[:32000]
        return self.text(n)

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
        self.col_id = out["users"]["col"]
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
        self.oos_col.add(ids[7])
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

    def local_op(self, phase, force=None, force_kind=None):
        """One CLI operation; force (an item) and force_kind (rm, edit,
        status) make the in-flight moves."""
        e, r = self.e, self.rng

        def ok_local(it):
            if it.lid is None or it.ldel:
                return False
            if it.away is not None:
                # Edits of a task that just left scope in Salesforce,
                # before taskdeck knows: they must never reach it (F7).
                return phase == "A" and it.away_round == self.round
            return phase == "A" or "sf" not in it.touch
        cands = self.live(ok_local)
        kind = r.choice(["add", "edit", "edit", "status", "rm"]
                        if cands else ["add"])
        if force_kind is not None:
            kind = force_kind
        if force is not None:
            cands = [force]
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
                v["details"] = self.details()
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
        if kind == "rm" and it.away is not None:
            kind = "edit"
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
            if not F6_MOVE and "name" in it.sw:
                pick = [f for f in pick if f != "name"]
            for f in pick:
                if f == "name":
                    nv = "%s %s" % (it.key, self.text())
                elif f == "priority":
                    nv = "high" if it.lv["priority"] == "normal" \
                        else "normal"
                elif f == "due":
                    nv = self.due()
                else:
                    nv = self.details() if r.random() < 0.9 else ""
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
            if it.sfid is None or it.sdel or it.origin == "pre" or \
                    it.away is not None:
                return False
            return phase == "A" or "local" not in it.touch
        cands = self.live(ok_sf)
        kinds = ["create", "edit", "edit", "edit", "oos-create", "oos-edit",
                 "reassign", "scope-exit", "to-rep"]
        if phase == "A":
            # Moves that set sfemu's clock, or stamp a record ahead of
            # it, are made while nothing syncs.
            kinds += ["delete", "future-create", "future-edit"]
        if not cands:
            kinds = ["create", "oos-create", "to-rep"]
        kind = r.choice(kinds)
        user = r.choice(["rep", "col"])
        if kind == "oos-edit" and not self.oos:
            kind = "oos-create"
        if kind in ("scope-exit", "reassign") and r.random() < 0.5:
            kind = "edit" if cands else "create"
        if kind == "to-rep":
            if self.to_rep(phase):
                return
            kind = "create"
        if kind == "future-create":
            self.future_create()
            return
        if kind == "create":
            it = Item(self.key(), "sf")
            v = {"Subject": "%s %s" % (it.key, self.text()),
                 "Status": r.choice(SF_STATUS), "Priority":
                 r.choice(SF_PRIO), "ActivityDate": self.due(),
                 "Description": self.details() if r.random() < 0.8 else
                 None}
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
            if how == "col":
                self.oos_col.add(out["id"])
            self.count(self.ops, "sf-oos-create")
            return
        if kind == "oos-edit":
            sfid = r.choice(sorted(self.oos))
            d = self.text(4)
            e.sf(user, "PATCH", "sobjects/Task/" + sfid, {"Description": d})
            for it in self.items:
                if it.sfid == sfid and it.away is not None:
                    it.sv["details"] = d
            self.count(self.ops, "sf-oos-edit")
            return
        hot = [c for c in cands if "local" in c.touch]
        it = r.choice(hot if hot and r.random() < 0.5 else cands)
        it.touch.add("sf")
        if kind in ("reassign", "scope-exit") and it.ldel:
            kind = "edit"      # a pending local rm: see doc/reliability.md
        if kind == "reassign":
            # F7: a colleague takes the task over (or the rep hands it
            # on); it must leave the rep's list, and no pending or later
            # local edit may write to it.
            st, out = e.sf(user, "PATCH", "sobjects/Task/" + it.sfid,
                           {"OwnerId": self.col_id})
            if st != 204:
                raise RuntimeError("reassign: %s %s" % (st, out))
            self.leave(it, "reassigned")
            self.oos_col.add(it.sfid)
            return
        if kind == "scope-exit":
            self.scope_exit(it)
            return
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
        if not F6_MOVE and "name" in it.lw:
            pick = [f for f in pick if f != "name"]
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
                nv = self.details() if r.random() < 0.9 else None
            if nv != it.sv[f]:
                body[f] = nv
        if not body:
            return
        jump = far = 0
        if kind == "future-edit":
            # C1: an org whose clock ran ahead stamps this record days
            # to decades in the future; its clock then comes back.
            # sfemu's clock moves at most 14 days: further, the request
            # would purge the recycle bin's deletes of this run (see
            # doc/reliability.md); a record decades ahead is restamped
            # in sfemu's store after an ordinary PATCH.
            jump = r.choice([1, 14, 0])
            if jump:
                e.ctl("POST", "clock", {"advance_days": jump})
            else:
                far = r.choice([400, 26000])
        t0 = time.time()
        try:
            st, out = e.sf(user, "PATCH", "sobjects/Task/" + it.sfid,
                           {SF_FIELD[f]: v for f, v in body.items()})
        finally:
            if jump:
                e.ctl("POST", "clock", {"advance_days": -jump})
        t1 = time.time()
        if far and st == 204:
            self.stamp(it.sfid, far)
        if jump or far:
            t0 = t1 = FUTURE
            kind = "edit-future"
        if st != 204:
            raise RuntimeError("edit: %s %s" % (st, out))
        for f, nv in body.items():
            it.sv[f] = nv
            it.sw.setdefault(f, []).append((nv, t0, t1, phase))
            it.sf_values[f].append(nv)
        it.sf_last = (t0, t1)
        self.last = "%s %s %s" % (it.key, phase, it.lid)
        self.count(self.ops, "sf-" + kind + "-" + user)

    def leave(self, it, why):
        """The model's side of a task leaving scope (F7)."""
        it.away = why
        it.away_round = self.round
        self.oos.add(it.sfid)
        self.last = "%s %s %s" % (it.key, why, it.lid)
        self.count(self.ops, "sf-scope-exit-" + why)

    def stamp(self, sfid, days):
        """Stamps a task days ahead of sfemu's clock in its store."""
        e = self.e
        when = int(e.ctl("GET", "clock")["ms"]) + days * 86400000
        db = sqlite3.connect(os.path.join(e.tmp, "sfemu.db"), timeout=30)
        try:
            db.execute("UPDATE tasks SET lastmodifieddate = ?, "
                       "systemmodstamp = ? WHERE id = ?", (when, when, sfid))
            db.commit()
        finally:
            db.close()
        e.ctl("POST", "cometd", {"event": {
            "id": sfid, "changeType": "UPDATE",
            "changedFields": ["LastModifiedDate"]}})
        tdlib.trace("sf stamp %s +%d days" % (sfid, days))

    def scope_exit(self, it):
        """F7: the task is made a recurring series, or turned into a
        logged e-mail.  Neither field can be updated through the API (in
        Salesforce as in sfemu), so the driver writes sfemu's store as
        the org's own UI would, stamping the record now."""
        e = self.e
        how = self.rng.choice(["recurring", "email"])
        now = int(e.ctl("GET", "clock")["ms"])
        db = sqlite3.connect(os.path.join(e.tmp, "sfemu.db"), timeout=30)
        try:
            db.execute("UPDATE tasks SET %s, lastmodifieddate = ?, "
                       "systemmodstamp = ?, lastmodifiedbyid = ? WHERE "
                       "id = ?" % ("isrecurrence = 1" if how == "recurring"
                                   else "tasksubtype = 'Email'"),
                       (now, now, self.col_id, it.sfid))
            db.commit()
        finally:
            db.close()
        # The org's own write makes a change event (C12), as in Salesforce.
        e.ctl("POST", "cometd", {"event": {
            "id": it.sfid, "changeType": "UPDATE", "changedFields": [
                "IsRecurrence" if how == "recurring" else "TaskSubtype",
                "LastModifiedDate"]}})
        tdlib.trace("sf scope exit %s %s" % (it.sfid, how))
        self.leave(it, how)

    def to_rep(self, phase):
        """F7: a colleague's task (one of theirs, or one that left us in
        an earlier round) is reassigned to the rep: it arrives like a
        new one.  False when there is none to take."""
        e, r = self.e, self.rng
        back = {it.sfid: it for it in self.items
                if it.away == "reassigned" and it.away_round != self.round}
        pool = sorted(s for s in self.oos_col
                      if s not in back or not back[s].gone)
        if not pool:
            return False
        sf = {t["Id"]: t for t in e.sf_tasks()}
        pool = [s for s in pool if s in sf and not sf[s]["IsDeleted"] and
                sf[s]["OwnerId"] == self.col_id and
                (s in back or s not in self.claimed())]
        if not pool:
            return False
        sfid = r.choice(pool)
        t0 = time.time()
        st, out = e.sf(r.choice(["rep", "col"]), "PATCH",
                       "sobjects/Task/" + sfid, {"OwnerId": self.rep_id})
        t1 = time.time()
        if st != 204:
            raise RuntimeError("to-rep: %s %s" % (st, out))
        it = back.get(sfid)
        if it is None:
            it = Item(self.key(), "sf")
            it.sfid = sfid
            self.items.append(it)
        it.origin, it.lid, it.away, it.gone = "sf", None, None, False
        it.new = True
        it.touch.add("sf")
        self.oos.discard(sfid)
        self.oos_col.discard(sfid)
        for f in FIELDS:
            it.sv[f] = sf_norm(f, sf[sfid][SF_FIELD[f]])
            it.sw[f] = [(it.sv[f], t0, t1, phase)]
            it.sf_values[f] = [it.sv[f]]
        it.sf_last = (t0, t1)
        self.last = "%s to-rep %s" % (it.key, sfid)
        self.count(self.ops, "sf-reassigned-to-rep")
        return True

    def claimed(self):
        return {it.sfid for it in self.items if it.sfid is not None}

    def future_create(self):
        """C1: a task stamped 1 to 26,000 days ahead of Salesforce's
        clock (a seed through the control API): it is imported, and it
        must not freeze later pulls."""
        r = self.rng
        it = Item(self.key(), "sf")
        d = r.choice([1, 30, 400, 26000])
        v = {"Subject": "%s future %s" % (it.key, self.text()),
             "Status": r.choice(SF_STATUS), "Priority": r.choice(SF_PRIO),
             "ActivityDate": self.due(), "Description": self.text(6)}
        body = {k: x for k, x in v.items() if x is not None}
        body.update({"Owner": "rep", "CreatedDaysAgo": 0,
                     "LastModifiedDaysAgo": -d})
        it.sfid = self.e.ctl("POST", "seed", {"tasks": [body]})["tasks"][0]
        tdlib.trace("sf future create %s +%d days" % (it.sfid, d))
        for f in FIELDS:
            it.sv[f] = sf_norm(f, v[SF_FIELD[f]])
            it.sw[f] = [(it.sv[f], FUTURE, FUTURE, "A")]
            it.sf_values[f].append(it.sv[f])
        it.sf_last = (FUTURE, FUTURE)
        it.new = True
        it.touch.add("sf")
        self.items.append(it)
        self.last = "%s future %s" % (it.key, it.sfid)
        self.count(self.ops, "sf-future-create")

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
            if r.random() < 0.2:
                self.inflight()
                continue
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

    def inflight(self):
        """C2, C7: a local rm, edit or done/reopen landing while the push
        of that very reminder is in flight.  A fresh local add (held
        POST) or edit (held PATCH) is pushed by `sync --once` while a
        latency fault holds the collection request in sfemu; once sfemu
        has counted the request, the CLI changes the reminder; a quarter
        of the time the sync is SIGKILLed while the request is held."""
        e, r = self.e, self.rng
        self.clear_faults()
        method = r.choice(["POST", "PATCH", "POST", "PATCH", "lookup"])
        it = None
        if method == "lookup":
            self.held_lookup()
            return
        if method == "POST":
            self.local_op("B", force_kind="add")
            it = self.items[-1]
        else:
            cands = self.live(lambda x: x.lid is not None and
                              x.sfid is not None and not x.ldel and
                              x.away is None and x.origin != "pre" and
                              "sf" not in x.touch)
            if cands:
                it = r.choice(cands)
                self.local_op("B", force=it, force_kind="edit")
            else:
                method = "POST"
                self.local_op("B", force_kind="add")
                it = self.items[-1]
        lat = r.randint(800, 2500)
        e.ctl("POST", "faults", {"kind": "latency", "latency_ms": lat,
                                 "method": "*", "path": tdlib.COMPOSITE,
                                 "count": 1})
        e.ctl("DELETE", "calls")
        p = e.spawn_sync("--once")
        self.syncs += 1
        seen = False
        deadline = time.time() + 10
        while time.time() < deadline and p.poll() is None and not seen:
            seen = any(k.split(" ", 1)[1].startswith(
                "/services/data/vXX.X/composite/sobjects")
                for k in e.calls() if " " in k and k.split(" ", 1)[0] in
                ("POST", "PATCH", "DELETE"))
            if not seen:
                time.sleep(0.03)
        if seen and not it.ldel and not it.gone:
            time.sleep(r.uniform(0, lat / 2000.0))
            kind = r.choice(["rm", "edit", "status"])
            self.local_op("B", force=it, force_kind=kind)
            self.count(self.ops, "inflight-%s-%s" % (method, kind))
        else:
            self.count(self.ops, "inflight-missed")
        if r.random() < 0.25:
            time.sleep(r.uniform(0, lat / 1000.0))
            if p.poll() is None:
                self.kills += 1
                self.vlog("killed sync --once in flight")
            tdlib.kill(p)
        else:
            try:
                p.wait(timeout=60)
            except Exception:
                tdlib.kill(p)

    def held_lookup(self):
        """C2 (finding 2 of the real-world issue): a create whose answer
        was lost makes the next push look for its task first (C6); while
        that lookup is held, the rep removes or edits a second, new
        reminder already in the push's batch."""
        e, r = self.e, self.rng
        api = tdlib.API
        e.ctl("POST", "faults", {"kind": "drop", "method": "POST",
                                 "path": tdlib.COMPOSITE, "count": 1})
        self.local_op("B", force_kind="add")
        p = e.spawn_sync("--once")
        self.syncs += 1
        try:
            p.wait(timeout=60)
        except Exception:
            tdlib.kill(p)
        self.clear_faults()
        time.sleep(SETTLE + 0.2)       # the lost create has settled
        self.local_op("B", force_kind="add")
        it = self.items[-1]
        e.ctl("POST", "faults", {"kind": "latency", "latency_ms": 1500,
                                 "method": "GET", "path": api + "query/",
                                 "count": 2})
        e.ctl("DELETE", "calls")
        p = e.spawn_sync("--once")
        self.syncs += 1
        deadline = time.time() + 10
        n = 0
        while time.time() < deadline and p.poll() is None and n < 2:
            n = sum(v for k, v in e.calls().items()
                    if k.startswith("GET /services/data/vXX.X/query/"))
            if n < 2:
                time.sleep(0.03)
        if n >= 2 and not it.ldel:
            kind = r.choice(["rm", "rm", "edit"])
            self.local_op("B", force=it, force_kind=kind)
            self.count(self.ops, "inflight-lookup-%s" % kind)
        else:
            self.count(self.ops, "inflight-missed")
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
        # S3, S5: now and then the round's first phase happens with sync
        # switched off, and reminders are added meanwhile.
        paused = r.random() < 0.1
        if paused:
            self.e.td("sync", "--disable")
            self.count(self.ops, "pause")
        for _ in range(r.randint(2, 8)):
            if r.random() < 0.5:
                self.local_op("A")
            else:
                self.sf_op("A")
            if r.random() < 0.12:
                time.sleep(MARGIN + 0.1)   # a clear winner, now and then
        if paused:
            self.local_op("A", force_kind="add")
            self.count(self.ops, "added-while-paused")
            self.e.td("sync", "--enable")
        self.chaos()
        self.clear_faults()
        if STREAM and self.stream_phase():
            pass
        elif self.e.converge() < 0:
            self.bad("div", "round %d: no convergence" % self.round)
        self.expect()
        self.check("round %d" % self.round)

    def stream_phase(self):
        """Phase C with STRESS_STREAM=1 (C12): a long-running `sync
        --watch` with streaming on syncs what phases A and B left, and
        once it is subscribed more one-sided moves are made (Salesforce
        edits, creates, reassignments, out-of-scope writes, and local
        edits), 0-0.3 s apart, so some land while a cycle is in flight.
        The poll is then the 15-minute safety poll: a Salesforce change
        reaches the cache only through its change event and the pull it
        starts.  Quiescence: every event delivered to the watch's client,
        the engine idle with nothing pending, and nothing moving for a
        second.  The watch then ends by SIGTERM; the checks read the
        cache before any further sync.  False (counted) if it never
        subscribed or never went quiet: the round then converges by
        `sync --once` so the next one starts clean."""
        e, r = self.e, self.rng
        env = dict(e.env, TASKDECK_STREAMING="1")
        old = {c["clientId"] for c in e.ctl("GET", "cometd")["clients"]}
        p = e.spawn_sync("--watch", env=env)
        self.syncs += 1
        cid = None
        deadline = time.time() + 15
        while cid is None and time.time() < deadline:
            new = [c["clientId"] for c in e.ctl("GET", "cometd")["clients"]
                   if c["subscribed"] and c["clientId"] not in old]
            if new:
                cid = new[-1]
            else:
                time.sleep(0.05)
        if cid is None:
            tdlib.kill(p)
            self.bad("div", "round %d: the watch never subscribed (C12)" %
                     self.round)
            return False
        self.count(self.ops, "streamed-rounds")
        for _ in range(r.randint(1, 5)):
            if r.random() < 0.7:
                self.sf_op("B")
                self.count(self.ops, "streamed-sf-move")
            else:
                self.local_op("B")
            time.sleep(r.uniform(0, 0.3))
        quiet = self.quiesce(cid)
        p.terminate()
        try:
            p.wait(timeout=5)
        except Exception:
            tdlib.kill(p)
            self.bad("div", "round %d: the watch did not end on SIGTERM" %
                     self.round)
        if not quiet:
            self.bad("div", "round %d: no quiescence while streaming" %
                     self.round)
        return quiet

    def quiesce(self, cid, limit=30.0):
        e = self.e
        end = time.time() + limit
        since, last = None, None
        while time.time() < end:
            cd = e.ctl("GET", "cometd")
            me = [c for c in cd["clients"] if c["clientId"] == cid]
            st = json.loads(e.td("status", "--json")[1])
            snap = (cd["last_replay"], st["last_success"], st["state"],
                    st["pending"])
            done = bool(me) and me[0]["pos"] >= cd["last_replay"] and \
                st["state"] == "idle" and st["pending"] == 0
            if not done:
                since = None
            elif snap != last or since is None:
                since = time.time()
            elif time.time() - since >= 1.0:
                return True
            last = snap
            time.sleep(0.1)
        return False

    def expect(self):
        """Applies the round's writes to the model (C4, F2, F3, F6) and
        lists the conflict-log entries the round must have produced."""
        self.need = []       # (lid, field or None, lost_side, desc)
        for it in self.items:
            if it.gone:
                continue
            if it.away is not None:
                # F7: left scope; the leaving is logged (with any local
                # edit it discards), within one poll.
                if it.away_round == self.round and it.lid is not None:
                    self.need.append((it.lid, None, None,
                                      "%s: left scope (%s)" % (
                                          it.key, it.away)))
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
        if lw and f in it.lv0 and lw[-1][0] == it.lv0[f]:
            # F2, C3: a field edited back to its value at the last sync is
            # no change (done then reopen sends nothing) -- unless a sync
            # in phase B sent the value between, which only a one-sided
            # field can have seen.
            if sw:
                lw = None
            else:
                it.sf_either[f] = {it.sv0.get(f), to_sf(f, lw[-1][0])}
                return
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
        if f == "name" or (f in ("status", "priority") and
                           from_sf(f, sval) is None):
            # F6, F2, F3: a Salesforce value that can never come into the
            # reminder (a Subject after import, an unmapped status or
            # priority) loses to a local change whatever the times; the
            # value it overwrites is logged (doc/sync.md, mapping rules).
            winner = {"local"}
        elif lt1 + MARGIN < st0:
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
            if it.away is not None:
                known_s.add(it.sfid)
                if it.lid is not None:
                    known_l.add(it.lid)
                self.check_away(where, it, sf)
                continue
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
        gone = {it.key for it in self.items if it.gone}
        for lid, t in loc.items():
            if lid not in known_l:
                k = (t["name"] or "").split(" ")[0]
                self.bad("res" if k in gone else "dup",
                         "%s: unexpected reminder %s %r" % (
                             where, lid, t["name"]), k)
        for sfid, t in sf.items():
            if t["IsDeleted"] or sfid in known_s or sfid in self.oos or \
                    sfid in self.ignore:
                continue
            if t["OwnerId"] != self.rep_id:
                continue
            k = (t["Subject"] or "").split(" ")[0]
            self.bad("res" if k in gone else "dup",
                     "%s: unexpected SF task %s %r" % (
                         where, sfid, t["Subject"]), k)
        for lid, field, side, desc in getattr(self, "need", []):
            if not any(c["reminder_id"] == lid and
                       (side is None or c["lost_side"] == side)
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
            self.bad("res", "%s: %s deleted but back locally (C2)" % (
                where, it.key), it.key)
        if it.sfid is not None and it.sfid in sf and \
                not sf[it.sfid]["IsDeleted"]:
            self.bad("res", "%s: %s deleted but live in SF (C2)" % (
                where, it.key), it.key)

    def check_away(self, where, it, sf):
        """F7: a task that left scope is no longer on the rep's list (the
        out-of-scope check above) and nothing local was written to it."""
        s = sf.get(it.sfid)
        if s is None or s["IsDeleted"]:
            self.bad("div", "%s: %s left scope (%s), then deleted in SF "
                     "(F7)" % (where, it.key, it.away))
            it.lid = None
            return
        if it.away == "reassigned" and s["OwnerId"] != self.col_id:
            self.bad("div", "%s: %s reassigned, owner now %s (F7)" % (
                where, it.key, s["OwnerId"]))
        for f in FIELDS:
            v = sf_norm(f, s[SF_FIELD[f]])
            if v != it.sv[f]:
                self.bad("div", "%s: %s left scope (%s), SF %s %r written"
                         " after, was %r (F7)" % (where, it.key, it.away,
                                                  f, v, it.sv[f]))
                it.sv[f] = v
        it.lid = None

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
                self.count(self.ops, "conflict-" + ("F6-name-" if f == "name"
                                                    else "") + got + "-wins")
            if f in allowed:
                if lval not in allowed[f]:
                    self.bad("div", "%s: %s local %s %r not in %r" % (
                        where, it.key, f, lval, allowed[f]))
                else:
                    it.lv[f] = lval
            if sval != it.sv[f] and sval in it.sf_either.get(f, ()):
                it.sv[f] = sval
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
        print("# F6 Subject edits against local renames: %s" % (
            "on" if F6_MOVE else "off (STRESS_F6=0)"))
        print("# phase C: %s" % (
            "sync --watch subscribed to Change Data Capture (STRESS_STREAM=1)"
            if STREAM else "sync --once cycles (STRESS_STREAM=1 streams)"))
        print("# rounds %d: lost edits %d, duplicates %d, divergences %d, "
              "resurrected deletes %d" % (n, s.lost, s.dups, s.div, s.res))
        s.e.close()
    print("1..%d" % (n + 1))
    return 0 if not s.problems else 1


if __name__ == "__main__":
    sys.exit(main())
