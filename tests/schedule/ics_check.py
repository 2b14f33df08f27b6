#!/usr/bin/env python3
"""Independent check of an .ics file: raw RFC 5545 framing, then a parse with the
`icalendar` package. Prints a JSON summary on stdout for the Rust test to compare.

Exit codes: 0 ok, 1 framing or parse error, 3 the icalendar package is not installed.
Usage: python3 tests/schedule/ics_check.py calendar.ics
"""
import json
import sys

try:
    import icalendar
except ImportError:
    print("python package 'icalendar' is not installed (pip install icalendar)", file=sys.stderr)
    sys.exit(3)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def offset(prop):
    """A UTC offset property as text like +0900 (works across icalendar versions)."""
    value = prop.to_ical()
    return value.decode() if isinstance(value, bytes) else str(value)


def main(path):
    raw = open(path, "rb").read()
    if not raw.endswith(b"\r\n"):
        fail("file does not end with CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number}: bare LF or CR")
        if len(line) > 75:
            fail(f"line {number}: {len(line)} octets (max 75)")
        try:
            line.decode("utf-8")  # each physical line on its own: no split characters
        except UnicodeDecodeError as err:
            fail(f"line {number}: a UTF-8 character is split by folding: {err}")

    cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    out = {
        "prodid": str(cal.get("PRODID")),
        "version": str(cal.get("VERSION")),
        "calscale": str(cal.get("CALSCALE")),
        "timezones": [],
        "events": [],
    }
    for tz in cal.walk("VTIMEZONE"):
        std = [c for c in tz.walk("STANDARD")]
        out["timezones"].append({
            "tzid": str(tz.get("TZID")),
            "standard": [
                {
                    "from": offset(std_c.get("TZOFFSETFROM")),
                    "to": offset(std_c.get("TZOFFSETTO")),
                    "name": str(std_c.get("TZNAME")),
                }
                for std_c in std
            ],
        })
    for ev in cal.walk("VEVENT"):
        start = ev.get("DTSTART")
        end = ev.get("DTEND")
        out["events"].append({
            "uid": str(ev.get("UID")),
            "start": start.dt.replace(tzinfo=None).isoformat(),
            "start_tzid": start.params.get("TZID"),
            "start_utc_offset": start.dt.utcoffset().total_seconds() if start.dt.utcoffset() is not None else None,
            "end": end.dt.replace(tzinfo=None).isoformat(),
            "end_tzid": end.params.get("TZID"),
            "stamp": ev.get("DTSTAMP").dt.isoformat(),
            "summary": str(ev.get("SUMMARY")),
            "location": str(ev.get("LOCATION")),
            "description": str(ev.get("DESCRIPTION")),
            "url": str(ev.get("URL")) if ev.get("URL") is not None else None,
            "alarms": [
                {
                    "action": str(al.get("ACTION")),
                    "trigger_minutes": al.get("TRIGGER").dt.total_seconds() / 60,
                    "description": str(al.get("DESCRIPTION")),
                }
                for al in ev.walk("VALARM")
            ],
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail(__doc__)
    main(sys.argv[1])
