"""The course as an IMS Common Cartridge 1.3 (`samskabt-styring.imscc`), built by `make lms`.

Each module is two items: its page as web content (the same built page as in the SCORM
packages, under `web_resources/`) and its question bank as an assessment in the cartridge's
QTI 1.2 profile, so Canvas, Brightspace, itslearning and Moodle import the quiz as one of
their own.

The profile knows six question types. Single choice, multiple choice and true/false map
one to one (`cc.multiple_choice`, `cc.multiple_response`, `cc.true_false`), with every
option's feedback and the explanation as general feedback. Categorize, match and order
questions have no type in the profile; each row becomes its own single-choice item (»… –
which category?«, »… – which match?«, »… – which place?«) with the row's right choice as
the key, in the order the site shows the rows, so the platform grades them itself. Item
idents are `<question id>` and `<question id>-<row>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.quiz import LoadedBank, load_banks

CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CP_LOCATION = (f"{CP} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd "
               f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd")
QTI_LOCATION = f"{QTI} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
WEB = "web_resources"


# --- Items: what the cartridge asks ------------------------------------------------------


ASK = {"categorize": "hvilken kategori?", "match": "hvad hører til?", "order": "hvilken plads?"}
PROFILES = {"single": "multiple_choice", "multiple": "multiple_response", "truefalse": "true_false"}


def items(lb: LoadedBank) -> list[dict]:
    """Every QTI item of a bank: {ident, profile, title, prompt, options: [(ident, html, feedback)],
    right: [option idents], explanation}, from the questions as the bank rendered them for the
    site (`LoadedBank.html`). Rows of categorize, match and order questions are items of their
    own (see the module docstring), in the order the site shows them."""
    out = []
    for q in lb.bank.questions:
        h = lb.html[q.id]
        if not h.rows:
            out.append({"ident": h.id, "profile": PROFILES[h.type], "title": h.text, "prompt": h.prompt,
                        "options": [(c.value, c.html, c.feedback) for c in h.choices],
                        "right": [c.value for c in h.choices if c.correct], "explanation": h.explanation})
            continue
        # A row's options are the choices by position (1, 2 …), in the order the site lists them.
        position = {c.value: str(i) for i, c in enumerate(h.choices, 1)}
        for k, row in enumerate(h.rows, 1):
            answer = next(c for c in h.choices if c.value == row.correct)
            options = [(position[c.value], c.html,
                        "Rigtigt." if c is answer else f"Ikke rigtigt: {row.text} – {answer.text}.") for c in h.choices]
            out.append({"ident": f"{h.id}-{k}", "profile": "multiple_choice", "title": f"{h.text} – {row.text}",
                        "prompt": f"{h.prompt}<br><strong>{row.html}</strong> – {ASK[h.type]}",
                        "options": options, "right": [position[row.correct]], "explanation": h.explanation})
    return out


def _sub(parent, tag, text=None, **attrib):
    el = ET.SubElement(parent, f"{{{QTI}}}{tag}", attrib)
    if text is not None:
        el.text = text
    return el


def _meta(parent, pairs):
    qm = _sub(parent, "qtimetadata")
    for label, entry in pairs:
        field = _sub(qm, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _html(parent, tag, html):
    mat = _sub(_sub(parent, tag) if tag else parent, "material")
    _sub(mat, "mattext", html, texttype="text/html")


def assessment(ident: str, title: str, lb: LoadedBank) -> str:
    """The bank as a QTI 1.2 assessment in the Common Cartridge 1.3 profile."""
    ET.register_namespace("", QTI)
    root = ET.Element(f"{{{QTI}}}questestinterop", {f"{{{XSI}}}schemaLocation": QTI_LOCATION})
    test = _sub(root, "assessment", ident=ident, title=title)
    _meta(test, [("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"),
                 ("qmd_scoretype", "Percentage"), ("cc_maxattempts", "unlimited")])
    section = _sub(test, "section", ident=f"{ident}-spoergsmaal")
    for it in items(lb):
        item = _sub(section, "item", ident=it["ident"], title=it["title"][:120])
        _meta(_sub(item, "itemmetadata"), [("cc_profile", f"cc.{it['profile']}.v0p1"),
                                           ("cc_weighting", "1")])
        pres = _sub(item, "presentation")
        _html(pres, None, it["prompt"])
        lid = _sub(pres, "response_lid", ident="svar",
                   rcardinality="Multiple" if it["profile"] == "multiple_response" else "Single")
        choice = _sub(lid, "render_choice")
        for oid, html, _ in it["options"]:
            _html(_sub(choice, "response_label", ident=oid), None, html)
        proc = _sub(item, "resprocessing")
        _sub(_sub(proc, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
        cond = _sub(proc, "respcondition", title="generelt", **{"continue": "Yes"})
        _sub(_sub(cond, "conditionvar"), "other")
        _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        for oid, _, _ in it["options"]:
            cond = _sub(proc, "respcondition", **{"continue": "Yes"})
            _sub(_sub(cond, "conditionvar"), "varequal", oid, respident="svar")
            _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{oid}_fb")
        cond = _sub(proc, "respcondition", title="rigtigt", **{"continue": "No"})
        var = _sub(cond, "conditionvar")
        if it["profile"] == "multiple_response":
            both = _sub(var, "and")
            for oid, _, _ in it["options"]:
                parent = both if oid in it["right"] else _sub(both, "not")
                _sub(parent, "varequal", oid, respident="svar")
        else:
            _sub(var, "varequal", it["right"][0], respident="svar")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
        fb = _sub(item, "itemfeedback", ident="general_fb")
        _html(fb, "flow_mat", it["explanation"])
        for oid, _, feedback in it["options"]:
            _html(_sub(item, "itemfeedback", ident=f"{oid}_fb"), "flow_mat", feedback)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- The cartridge ------------------------------------------------------------------------


def manifest(title: str, modules, pages: set[str], has_quiz: dict[str, str]) -> str:
    """imsmanifest.xml: per module its page (web content) and its quiz (assessment)."""
    ET.register_namespace("", CP)
    ET.register_namespace("lomimscc", LOM)

    def sub(parent, tag, text=None, ns=CP, **attrib):
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrib)
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{CP}}}manifest", {"identifier": "samskabt-styring-cc",
                                            f"{{{XSI}}}schemaLocation": CP_LOCATION})
    meta = sub(root, "metadata")
    sub(meta, "schema", "IMS Common Cartridge")
    sub(meta, "schemaversion", "1.3.0")
    general = sub(sub(meta, "lom", ns=LOM), "general", ns=LOM)
    sub(sub(general, "title", ns=LOM), "string", title, ns=LOM, language="da")
    sub(general, "language", "da", ns=LOM)
    org = sub(sub(root, "organizations"), "organization", identifier="kursus", structure="rooted-hierarchy")
    top = sub(org, "item", identifier="kursus-rod")
    resources = sub(root, "resources")
    for m in modules:
        folder = sub(top, "item", identifier=m.ident)
        sub(folder, "title", m.label)
        page = sub(folder, "item", identifier=f"{m.ident}-side", identifierref=f"res-{m.ident}-side")
        sub(page, "title", m.label)
        res = sub(resources, "resource", identifier=f"res-{m.ident}-side", type="webcontent", href=f"{WEB}/{m.url}")
        sub(res, "file", href=f"{WEB}/{m.url}")
        sub(res, "dependency", identifierref="res-filer")
        if m.stem in has_quiz:
            quiz = sub(folder, "item", identifier=f"{m.ident}-quiz", identifierref=f"res-{m.ident}-quiz")
            sub(quiz, "title", f"Quiz: {has_quiz[m.stem]}")
            res = sub(resources, "resource", identifier=f"res-{m.ident}-quiz", type=ASSESSMENT)
            sub(res, "file", href=f"res-{m.ident}-quiz/assessment.xml")
    shared = sub(resources, "resource", identifier="res-filer", type="webcontent")
    for rel in sorted(pages - {m.url for m in modules}):
        sub(shared, "file", href=f"{WEB}/{rel}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def contents(modules, files: set[str], title: str, root: Path) -> dict[str, str]:
    """The cartridge's own files ({name: text}: the manifest and one assessment per bank) for
    the built LMS pages `files` of `modules` (scripts/lms.py's), from the banks in quizzes/.
    The pages go under WEB/ beside them (`lms.write_zip`)."""
    loaded, errors = load_banks(root / "quizzes", _anchors(root), root)
    if errors:  # the site build has already stopped on these; this is a second guard
        raise RuntimeError("\n".join(str(e) for e in sorted(errors)))
    banks = {lb.bank.module: lb for lb in loaded}
    quizzes = {m.stem: banks[m.stem].bank.title for m in modules if m.stem in banks}
    extra = {"imsmanifest.xml": manifest(title, modules, files, quizzes)}
    for m in modules:
        if m.stem in banks:
            extra[f"res-{m.ident}-quiz/assessment.xml"] = assessment(f"{m.ident}-quiz", f"Quiz: {quizzes[m.stem]}", banks[m.stem])
    return extra


def _anchors(root: Path) -> dict[str, set[str]]:
    from scripts.modules import read_modules

    return {m.stem: set(m.anchors) for m in read_modules(root / "docs")}
