#!/usr/bin/env python3
# taskdeck - SPDX-License-Identifier: ISC
# lang-check.py LANG CATALOGUE.po EN_DIR TR_DIR: compares the screens the
# command center drew in English (EN_DIR/NAME.txt) with the same screens in
# LANG (TR_DIR/NAME.txt) against the catalogue (po/LANG.po merged with a
# template made now from the sources), for tests/ui/test-ui-lang.sh (U10).
# Prints TAP lines "ok - ..." / "not ok - ..." and "# ..." diagnostics.
#
# The rule, mechanical and independent of how the strings are split:
# every message whose English text is on an English screen (at word
# boundaries; a printf %s stands for any text, %d for a number) must be
# translated, and its translation must be on the same screen in LANG
# whole (white space folded, so a line the UI wraps at a space counts;
# a label cut by the screen's edge, an ellipsis or a wrap inside a word
# does not).  A message seen only inside a longer one is not checked
# on its own.  Plus the named checks of the issue: section titles, key
# line, the settings checkbox, a plural message, the date line.
import datetime
import locale
import os
import re
import sys

lang, po_path, en_dir, tr_dir = sys.argv[1:5]
SCREENS = ["center", "help", "settings", "form", "all", "plural"]
FMT = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                 r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]")


def unq(s):
    s = s[s.index('"') + 1:s.rindex('"')]
    return (s.replace('\\n', '\n').replace('\\t', '\t')
            .replace('\\"', '"').replace('\\\\', '\\'))


def read_po(path):
    entries, cur, key = [], None, None
    def flush():
        if cur is not None and cur.get("msgid"):
            entries.append(cur)
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if cur is not None and "msgid" in cur:
                flush()
                cur = None
            cur = cur or {}
            cur["fuzzy"] = "fuzzy" in line
            continue
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ', line)
        if m:
            k = m.group(1)
            if k in ("msgctxt", "msgid") and cur is not None and "msgid" in cur:
                flush()
                cur = None
            cur = cur or {}
            key = k
            cur[key] = unq(line)
        elif line.startswith('"') and key:
            cur[key] += unq(line)
    flush()
    return entries


def letters(s):
    return sum(c.isalpha() for c in FMT.sub("", s))


def pattern(s):
    """A regular expression for a message as the screen shows it: white
    space folded; %s any text, a number directive a number."""
    out, pos = [], 0
    s = " ".join(s.replace("\n", " ").split())
    for m in FMT.finditer(s):
        out.append(re.escape(s[pos:m.start()]))
        c = m.group(0)[-1]
        out.append("%" if c == "%" else ".{0,80}?" if c == "s" else
                   "." if c == "c" else "[-+0-9.,'  ]{1,20}?")
        pos = m.end()
    out.append(re.escape(s[pos:]))
    body = "".join(out).strip()
    # A word: not inside an identifier such as a setting's key
    # ("sf.status_open" holds no "open"), but a sentence's full stop may
    # follow.
    pre = r"(?<!\w)(?<!\w\.)" if s[:1].isalnum() else ""
    post = r"(?!\w)(?!\.\w)" if s[-1:].isalnum() else ""
    return re.compile(pre + body + post, re.S)


def norm(text):
    return " ".join(text.split())


def occurrences(hay, s):
    return [(m.start(), m.end()) for m in pattern(s).finditer(hay)
            if m.end() > m.start()]


def screen(d, name):
    try:
        return open(os.path.join(d, name + ".txt"), encoding="utf-8").read()
    except OSError:
        return ""


entries = [e for e in read_po(po_path)
           if e.get("msgctxt") != "typed date"]
for e in entries:
    strs = [v for k, v in e.items() if k.startswith("msgstr")]
    e["tr"] = [] if e.get("fuzzy") else [s for s in strs if s]
    e["forms"] = [e["msgid"]] + ([e["msgid_plural"]]
                                 if "msgid_plural" in e else [])

n_ok = [0, 0]


def report(good, desc, diag=()):
    print(("ok - " if good else "not ok - ") + desc)
    for d in diag:
        print("#   " + d)


def matched(en_text):
    """Messages whose English text is in en_text, not only inside a
    longer matched message."""
    hay = norm(en_text)
    spans, found = [], {}
    for i, e in enumerate(entries):
        for form in e["forms"]:
            if letters(form) < 2:
                continue
            text = norm(form)
            occ = occurrences(hay, text)
            if occ:
                found.setdefault(i, []).extend((a, b, text) for a, b in occ)
                spans.extend((a, b, i, text) for a, b in occ)
    keep = []
    for i, occs in found.items():
        # Seen only as part of a longer message's own text ("sync"
        # inside "r:sync"; "login: %s" as "login: " inside "Salesforce
        # login: not logged in"), not where that one has a %s.
        shadowed = all(any(a2 <= a and b <= b2 and j != i and
                           len(t2) > len(t) and (t in t2 or
                                                 hay[a:b].strip() in t2)
                           for a2, b2, j, t2 in spans)
                       for a, b, t in occs)
        if not shadowed:
            keep.append(i)
    return keep


def check(en_text, tr_text, what, need=None):
    """The messages of en_text are translated and whole in tr_text."""
    ids = matched(en_text)
    if need is not None:
        ids = [i for i in ids if need(entries[i])]
    hay = norm(tr_text)
    groups = {}
    for i in ids:
        groups.setdefault(entries[i]["msgid"], []).append(entries[i])
    bad = []
    for msgid, es in sorted(groups.items()):
        if any(letters(t) == 0 or occurrences(hay, t.strip())
               for e in es for t in e["tr"]):
            continue
        if any(not e["tr"] for e in es):
            bad.append("untranslated: %r" % msgid)
        else:
            bad.append("not whole on the screen: %r (for %r)"
                       % (es[0]["tr"][0], msgid))
    if not groups:
        bad.append("no message of the catalogue matches the English "
                   "text (strings not marked yet?): %r" % norm(en_text)[:70])
    report(not bad, "U10 %s: %s in %s, whole (%d messages)"
           % (lang, what, lang, len(groups)), bad[:25])
    return not bad


en = {s: screen(en_dir, s) for s in SCREENS}
tr = {s: screen(tr_dir, s) for s in SCREENS}
for s in SCREENS:
    if not en[s] or not tr[s]:
        report(False, "U10 %s: the %s screen was captured" % (lang, s))

# The named checks of issue 18.
lines = en["center"].splitlines()
titles = [l for l in lines if re.match(r"(Today|Tomorrow) \(", l)]
check("\n".join(titles), "\n".join(tr["center"].splitlines()),
      "the section titles (%s)" % ", ".join(t.strip() for t in titles))
check(lines[-1] if lines else "", tr["center"].splitlines()[-1]
      if tr["center"] else "", "the key line")
box = [l for l in en["settings"].splitlines()
       if "Sync reminder tasks with Salesforce" in l]
check("\n".join(box), tr["settings"], "the settings checkbox's label")
pl = en["plural"].splitlines()[-1] if en["plural"] else ""
check(pl, tr["plural"].splitlines()[-1] if tr["plural"] else "",
      "a plural status message (%s)" % pl.strip(),
      need=lambda e: "msgid_plural" in e)

# The date line: the locale's weekday name of today and its year.
today = datetime.date.fromisoformat(os.environ.get("TASKDECK_TODAY",
                                                   str(datetime.date.today())))
loc = {"de": "de_DE", "sv": "sv_SE", "it": "it_IT", "es": "es_ES",
       "zh_TW": "zh_TW"}[lang] + ".UTF-8"
locale.setlocale(locale.LC_TIME, loc)
wd = (today.weekday() + 1) % 7
names = [locale.nl_langinfo(getattr(locale, "ABDAY_%d" % (wd + 1))),
         locale.nl_langinfo(getattr(locale, "DAY_%d" % (wd + 1)))]
head = tr["center"].splitlines()[0] if tr["center"] else ""
good = any(n and n in head for n in names) and str(today.year) in head
report(good, "U10 %s: the date line names the day in %s (%s)"
       % (lang, lang, " or ".join(names)), [] if good else ["header: " + head])
dfmt = locale.nl_langinfo(locale.D_FMT)
row = today.strftime(dfmt)
if len(row) > 10:
    row = today.isoformat()
good = row in tr["all"]
report(good, "U10 %s: the list's dates in the locale's order (%s)"
       % (lang, row), [] if good else tr["all"].splitlines()[:6])

# Every screen: the general rule.
for s in SCREENS:
    check(en[s], tr[s], "the %s screen" % s)
