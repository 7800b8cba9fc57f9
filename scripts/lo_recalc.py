#!/usr/bin/env python3
"""Recalculates an .xlsx in headless LibreOffice through UNO and reads cells back (tests, bench).

usage: python3 scripts/lo_recalc.py request.json result.json   (a python that imports uno: Debian python3-uno)

request: {"file": "<absolute path of the .xlsx>", "profile": "<a throw-away folder>", "phases": [
            {"set": [["HLN Weights", "B4", 20]], "read": [["HLN Score", "B3:F2002"]]}, ...]}
Each phase sets the cells (numbers or text), runs calculateAll() (timed) and reads the ranges.
Optional "saveHtml": a path; after the phases the recalculated document is exported there as HTML
(LibreOffice's own "HTML (StarCalc)" rendering: docs screenshots).
Numbers come back as numbers, text as strings, error cells as "#ERR:<code>".
result: {"loadMs": …, "phases": [{"calcMs": …, "values": [[[…]]]}]}

Starts its own soffice (a throw-away user profile, a private pipe) and ends it on exit.
"""
import json
import os
import subprocess
import sys
import time

import uno  # noqa: E402  (LibreOffice's python)
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.sheet.FormulaResult import ERROR  # noqa: E402


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        if proc.poll() is not None:
            raise RuntimeError("soffice exited with %s" % proc.returncode)
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            time.sleep(0.1)
    raise RuntimeError("could not connect to soffice")


def read_range(sheet, address):
    rng = sheet.getCellRangeByName(address)
    data = [list(r) for r in rng.getDataArray()]
    # error results: getDataArray gives "" for them; mark them so a test can tell missing from error
    errs = rng.queryFormulaCells(ERROR)
    addr0 = rng.getRangeAddress()
    for a in errs.getRangeAddresses():
        for row in range(a.StartRow, a.EndRow + 1):
            for col in range(a.StartColumn, a.EndColumn + 1):
                cell = sheet.getCellByPosition(col, row)
                data[row - addr0.StartRow][col - addr0.StartColumn] = "#ERR:%d" % cell.getError()
    return data


def main():
    req = json.load(open(sys.argv[1]))
    pipe = "hln_lo_%d" % os.getpid()
    profile = req["profile"]
    proc = subprocess.Popen(
        [
            req.get("soffice", "soffice"),
            "-env:UserInstallation=file://" + profile,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--accept=pipe,name=%s;urp;" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = {"phases": []}
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        t0 = time.time()
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req["file"]), "_blank", 0, (prop("Hidden", True),))
        out["loadMs"] = (time.time() - t0) * 1000
        if req.get("verbose"):
            sys.stderr.write("loaded in %.1f s\n" % (out["loadMs"] / 1000))
            sys.stderr.flush()
        sheets = doc.getSheets()
        for ph in req["phases"]:
            for name, address, value in ph.get("set", []):
                cell = sheets.getByName(name).getCellRangeByName(address)
                if isinstance(value, str):
                    cell.setString(value)
                else:
                    cell.setValue(value)
            t0 = time.time()
            doc.calculateAll()
            calc = (time.time() - t0) * 1000
            if req.get("verbose"):
                sys.stderr.write("calculateAll %.1f s\n" % (calc / 1000))
                sys.stderr.flush()
            values = [read_range(sheets.getByName(n), a) for n, a in ph.get("read", [])]
            out["phases"].append({"calcMs": calc, "values": values})
        if req.get("saveAs"):
            doc.storeToURL(uno.systemPathToFileUrl(req["saveAs"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        if req.get("saveHtml"):
            doc.storeToURL(uno.systemPathToFileUrl(req["saveHtml"]), (prop("FilterName", "HTML (StarCalc)"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except Exception:
            proc.kill()
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
