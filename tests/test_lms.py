"""The LMS packages (make lms): SCORM 1.2 and 2004 launched in Chromium against an LMS-side
runtime we did not write (npm `scorm-again`), and the manifests and the cartridge read back."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT, answer_quiz, assert_accessible, copy_project, serve
from scripts import cartridge, lms
from scripts.model import Categorize, Multiple, Order, Single, TrueFalse
from scripts.quiz import load_banks
from scripts.text import inline

RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist"
MODULE_06 = "moduler/06-tillid-og-kontrol.html"
MODULE_04 = "moduler/04-er-tillid-altid-godt.html"

# A minimal LMS: the runtime's API object in the parent window, every call recorded, the
# package's launch page in an iframe. ?v=1.2|2004&launch=<url>&state=<flattened cmi JSON>.
LMS_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Test-LMS</title>
<script src="scorm-again/scorm12.js"></script><script src="scorm-again/scorm2004.js"></script></head>
<body><iframe id="sco" title="Kursusmodul" style="width:1200px;height:1400px;border:0"></iframe>
<script>
  const params = new URLSearchParams(location.search);
  const v2004 = params.get("v") === "2004";
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  const api = v2004 ? new Scorm2004API(settings) : new Scorm12API(settings);
  const state = JSON.parse(params.get("state") || "{}");
  if (Object.keys(state).length) api.loadFromFlattenedJSON(state);
  window.calls = [];
  const names = v2004 ? ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"]
                      : ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"];
  for (const name of names) {
    const real = api[name].bind(api);
    api[name] = (...args) => {
      const result = real(...args);
      const error = v2004 ? api.GetLastError() : api.LMSGetLastError();
      window.calls.push({ name, args, result: String(result), error: String(error) });
      return result;
    };
  }
  window.lmsData = () => JSON.parse(JSON.stringify(api.renderCMIToJSONObject()));
  if (v2004) window.API_1484_11 = api; else window.API = api;
  document.getElementById("sco").src = params.get("launch");
</script></body></html>
"""


@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> Path:
    """Every package, built once with the code `make lms` runs (strict build)."""
    out = tmp_path_factory.mktemp("lms")
    try:
        lms.build_all(out)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    return out


@pytest.fixture(scope="session")
def lms_server(packages, tmp_path_factory):
    """A server with the test LMS at /lms/ and each package unzipped under /lms/pakker/<name>/
    (an LMS serves a package from a sub-path)."""
    root = tmp_path_factory.mktemp("lms-root")
    (root / "lms").mkdir()
    (root / "lms" / "index.html").write_text(LMS_PAGE, encoding="utf-8")
    shutil.copytree(RUNTIME, root / "lms" / "scorm-again")
    for pkg in packages.iterdir():
        with zipfile.ZipFile(pkg) as zf:
            zf.extractall(root / "lms" / "pakker" / pkg.stem)
    httpd = serve(root)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/lms/"
    httpd.shutdown()


@pytest.fixture
def lms_page(browser):
    ctx = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 1500})
    yield ctx.new_page()
    ctx.close()


def launch(page, base: str, package: str, href: str, version: str, state: dict | None = None):
    """Open the test LMS with `package`'s page `href` in its frame; return the frame locator."""
    query = f"v={version}&launch={quote(f'pakker/{package}/{href}')}"
    if state:
        query += "&state=" + quote(json.dumps(state))
    page.goto(f"{base}index.html?{query}")
    frame = page.frame_locator("#sco")
    frame.locator(".quiz[data-quiz][data-ready]").wait_for()
    frame.locator(".lms-notice").wait_for()
    return frame


def write_note(frame, ex_prompt: str, text: str) -> None:
    box = frame.locator(f'textarea[data-note="{ex_prompt}"]')
    box.fill(text)
    box.blur()
    frame.locator(f'section.exercise:has(textarea[data-note="{ex_prompt}"]) >> text=/Gemt/').first.wait_for()


def finish(page) -> None:
    """Leave the SCO the way an LMS does: its frame navigates away (pagehide)."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c.name === 'LMSFinish' || c.name === 'Terminate')")


def calls(page) -> list[dict]:
    return page.evaluate("window.calls")


def failed_calls(page) -> list[dict]:
    """Calls the runtime refused (result false, or an error code other than 0)."""
    return [c for c in calls(page) if c["name"] not in ("LMSGetValue", "GetValue")
            and (c["result"] == "false" or c["error"] != "0")]


def wait_set(page, element: str, value: str) -> None:
    """Wait until the SCO's latest value for `element` is `value` (reports are debounced)."""
    page.wait_for_function("([el, v]) => { const s = window.calls.filter(c => /SetValue$/.test(c.name) && c.args[0] === el);"
                           " return s.length > 0 && s[s.length - 1].args[1] === v; }", arg=[element, value])


def listed(value) -> list[dict]:
    """The runtime's rendering of a CMI array ({"0": {…}, "1": {…}} or a list) as a list."""
    if isinstance(value, dict):
        value = [value[k] for k in sorted(value, key=int)] if all(k.isdigit() for k in value) else value.get("childArray", [])
    return list(value)


def last_set(page, element: str) -> str | None:
    values = [c["args"][1] for c in calls(page) if c["name"] in ("LMSSetValue", "SetValue") and c["args"][0] == element]
    return values[-1] if values else None


# --- SCORM 1.2 --------------------------------------------------------------------------------


def test_scorm12_module_reports_status_score_interactions_and_resumes(lms_page, lms_server):
    """Module 6 as its own SCORM 1.2 package: incomplete on launch, passed with 12 of 13 right and
    both exercises written; each question and note an interaction; a second launch on a
    \"new device\" (empty storage) shows the answers and notes again from suspend_data."""
    page = lms_page
    frame = launch(page, lms_server, "samskabt-styring-modul-06-scorm12", MODULE_06, "1.2")
    first = calls(page)[0]
    assert first["name"] == "LMSInitialize" and first["result"] == "true"
    page.wait_for_function("window.calls.some(c => c.name === 'LMSCommit')")
    assert last_set(page, "cmi.core.lesson_status") == "incomplete"
    assert frame.get_by_text("din underviser kan se dem").is_visible()

    total = answer_quiz(frame, wrong=1)
    write_note(frame, "summeoevelse/erfaring", "Vi fik mere tid til borgerne.")
    write_note(frame, "fire-faktorer/stoerste-greb", "Dialog før kontrol.")
    finish(page)

    assert failed_calls(page) == []
    names = [c["name"] for c in calls(page)]
    assert names.index("LMSFinish") == len(names) - 1, "Finish is the last call"
    data = page.evaluate("window.lmsData()")["cmi"]
    core = data["core"]
    right = total - 1
    assert core["lesson_status"] == "passed"
    assert core["score"] == {"raw": str(round(100 * right / total)), "min": "0", "max": "100"}
    assert re.fullmatch(r"\d{4}:\d\d:\d\d", last_set(page, "cmi.core.session_time"))
    assert core["exit"] == "suspend"
    interactions = {i["id"]: i for i in listed(data["interactions"])}
    quiz = [i for i in interactions if i.startswith("tillid-og-kontrol.")]
    assert len(quiz) == total
    assert sum(interactions[i]["result"] == "wrong" for i in quiz) == 1
    note = interactions["note.summeoevelse.erfaring"]
    assert note["type"] == "fill-in" and note["student_response"] == "Vi fik mere tid til borgerne."
    suspend = data["suspend_data"]
    assert len(suspend) <= 4096
    packed = json.loads(suspend)
    assert packed["n"]["fire-faktorer/stoerste-greb"] == "Dialog før kontrol."
    assert len(packed["q"]) == total

    # Second launch, as the LMS starts it on another device: its data, an empty browser.
    page.evaluate("localStorage.clear()")
    frame = launch(page, lms_server, "samskabt-styring-modul-06-scorm12", MODULE_06, "1.2", {
        "cmi.core.entry": "resume", "cmi.core.lesson_status": "passed", "cmi.suspend_data": suspend,
        "cmi.student_data.mastery_score": "80"})
    assert frame.locator('textarea[data-note="summeoevelse/erfaring"]').input_value() == "Vi fik mere tid til borgerne."
    score = frame.locator(".quiz .quiz__score").first.inner_text()
    assert f"{right} af {total}" in score
    finish(page)
    assert failed_calls(page) == []
    assert page.evaluate("window.lmsData()")["cmi"]["suspend_data"] == suspend


def test_scorm12_note_too_long_for_suspend_data_is_kept_and_named(lms_page, lms_server):
    """SCORM 1.2 holds 4,096 characters: a longer note stays in the browser, the page names it
    and offers it as a file, and what does fit (the quiz) is still reported."""
    page = lms_page
    frame = launch(page, lms_server, "samskabt-styring-modul-06-scorm12", MODULE_06, "1.2")
    long_text = "Tillid kræver dialog. " * 250  # 5,500 characters
    write_note(frame, "summeoevelse/erfaring", long_text)
    write_note(frame, "fire-faktorer/stoerste-greb", "Kort note.")
    warning = frame.locator(".lms-notice__left")
    warning.wait_for()
    assert "4.096 tegn" in warning.inner_text()
    assert_accessible(page.main_frame.child_frames[0])  # the module with both notices, in the LMS
    with page.expect_download() as dl:
        warning.get_by_role("button", name="Hent dine noter").click()
    assert long_text.strip() in Path(dl.value.path()).read_text(encoding="utf-8")
    finish(page)
    assert failed_calls(page) == []
    data = page.evaluate("window.lmsData()")["cmi"]
    packed = json.loads(data["suspend_data"])
    assert packed["o"] == ["summeoevelse/erfaring"] and packed["n"] == {"fire-faktorer/stoerste-greb": "Kort note."}
    # Relaunch on the same computer: the long note is still there, the short one from the LMS.
    frame = launch(page, lms_server, "samskabt-styring-modul-06-scorm12", MODULE_06, "1.2",
                   {"cmi.core.entry": "resume", "cmi.suspend_data": data["suspend_data"]})
    assert frame.locator('textarea[data-note="summeoevelse/erfaring"]').input_value() == long_text


def test_scorm12_course_package_fails_below_the_lms_mastery_score(lms_page, lms_server):
    """Module 3 in the whole-course SCORM 1.2 package, with the LMS's mastery score at 95: every
    question checked, one wrong (92 %) is completed but failed."""
    page = lms_page
    frame = launch(page, lms_server, "samskabt-styring-scorm12", "moduler/03-tillidens-effekter.html", "1.2",
                   {"cmi.student_data.mastery_score": "95"})
    total = answer_quiz(frame, wrong=1)
    wait_set(page, "cmi.core.lesson_status", "failed")
    finish(page)
    assert failed_calls(page) == []
    core = page.evaluate("window.lmsData()")["cmi"]["core"]
    assert core["lesson_status"] == "failed" and core["score"]["raw"] == str(round(100 * (total - 1) / total))


# --- SCORM 2004 -------------------------------------------------------------------------------


def test_scorm2004_course_sco_reports_to_the_runtime(lms_page, lms_server):
    """Module 4 in the whole-course SCORM 2004 package: completion and success apart, scaled
    score, progress measure, typed interactions the runtime accepts (choice, matching,
    sequencing, long-fill-in), suspend data and Terminate."""
    page = lms_page
    frame = launch(page, lms_server, "samskabt-styring-scorm2004", MODULE_04, "2004",
                   {"cmi.scaled_passing_score": "0.8"})
    page.wait_for_function("window.calls.some(c => c.name === 'Commit')")
    assert last_set(page, "cmi.completion_status") == "incomplete"
    total = answer_quiz(frame)
    wait_set(page, "cmi.success_status", "passed")
    assert last_set(page, "cmi.completion_status") == "incomplete", "the exercise is not written yet"
    write_note(frame, "tillid-til-hvem/relation", "Jeg har tillid til min leder.\nMen ikke altid.")
    finish(page)
    assert failed_calls(page) == []
    data = page.evaluate("window.lmsData()")["cmi"]
    assert data["completion_status"] == "completed" and data["success_status"] == "passed"
    assert data["score"]["scaled"] == "1" and data["score"]["raw"] == "100"
    assert data["progress_measure"] == "1"
    assert re.fullmatch(r"PT\d+H\d+M\d+S", last_set(page, "cmi.session_time"))
    by_id = {i["id"]: i for i in listed(data["interactions"])}
    quiz = [i for i in by_id.values() if i["id"].startswith("er-tillid-altid-godt.")]
    assert len(quiz) == total and all(i["result"] == "correct" for i in quiz)
    assert {i["type"] for i in quiz} >= {"choice"}
    note = by_id["note.tillid-til-hvem.relation"]
    assert note["type"] == "long-fill-in" and note["learner_response"] == "Jeg har tillid til min leder. / Men ikke altid."
    assert json.loads(data["suspend_data"])["n"]["tillid-til-hvem/relation"] == "Jeg har tillid til min leder.\nMen ikke altid."


def test_package_without_an_lms_behaves_as_the_site(lms_page, lms_server):
    """Opened straight from its folder (no API anywhere), a packaged module is the plain page."""
    page = lms_page
    page.goto(lms_server + "pakker/samskabt-styring-modul-06-scorm12/" + MODULE_06)
    page.locator(".quiz[data-quiz][data-ready]").wait_for()
    assert page.evaluate("window.Samskabt.lms") == {"active": False, "version": None}
    assert page.locator(".lms-notice").count() == 0


# --- Manifests and the cartridge -----------------------------------------------------------------


def manifest_of(path: Path) -> tuple[ET.Element, set[str]]:
    with zipfile.ZipFile(path) as zf:
        return ET.fromstring(zf.read("imsmanifest.xml")), set(zf.namelist())


def local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("name, schema, version", [
    ("samskabt-styring-modul-03-scorm12.zip", "ADL SCORM", "1.2"),
    ("samskabt-styring-scorm12.zip", "ADL SCORM", "1.2"),
    ("samskabt-styring-scorm2004.zip", "ADL SCORM", "2004 4th Edition"),
    ("samskabt-styring.imscc", "IMS Common Cartridge", "1.3.0"),
])
def test_manifest_names_existing_files_unique_ids_and_its_version(packages, name, schema, version):
    root, names = manifest_of(packages / name)
    assert [e.text for e in root.iter() if local(e) == "schema"] == [schema]
    assert [e.text for e in root.iter() if local(e) == "schemaversion"] == [version]
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids)), "identifiers are unique"
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in ids)
    refs = {e.get("identifierref") for e in root.iter() if e.get("identifierref")}
    assert refs <= set(ids)
    files = {e.get("href") for e in root.iter() if local(e) == "file"}
    assert files and files <= names, f"missing in the package: {sorted(files - names)[:5]}"
    schemas = set() if name.endswith(".imscc") else set(lms.schema_files("1.2" if version == "1.2" else "2004"))
    assert names - files == {"imsmanifest.xml"} | schemas, "every file in the package is in the manifest"
    assert not any(n.startswith(("underviser/", f"{cartridge.WEB}/underviser/")) or n.endswith(".map") for n in names)


# Namespace → schema file, as each manifest's xsi:schemaLocation names them.
SCHEMA_FILES = {
    "1.2": [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")],
    "2004": [("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
             ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
             ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
             ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
             ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd")],
}


@pytest.mark.parametrize("name, version", [
    ("samskabt-styring-modul-06-scorm12.zip", "1.2"),
    ("samskabt-styring-scorm12.zip", "1.2"),
    ("samskabt-styring-scorm2004.zip", "2004"),
])
def test_scorm_manifest_is_valid_against_adls_schemas(packages, tmp_path, name, version):
    """imsmanifest.xml validates against the XSDs the package carries at its root (ADL's)."""
    import xmlschema

    with zipfile.ZipFile(packages / name) as zf:
        zf.extractall(tmp_path)
    if version == "1.2":
        # IMS's ims_xml.xsd binds the default namespace to the XML namespace, which XML itself
        # forbids and a strict parser refuses; validate with the W3C's schema for it instead.
        w3c = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
        shutil.copy(w3c, tmp_path / "ims_xml.xsd")
    (first, main), *rest = SCHEMA_FILES[version]
    schema = xmlschema.XMLSchema(str(tmp_path / main), locations=[(ns, str(tmp_path / f)) for ns, f in rest],
                                 allow="local")
    errors = [str(e).splitlines()[0] for e in schema.iter_errors(str(tmp_path / "imsmanifest.xml"))]
    assert errors == []


def test_module_package_holds_only_what_the_module_uses(packages):
    _, names = manifest_of(packages / "samskabt-styring-modul-01-scorm12.zip")
    pages = {n for n in names if n.endswith(".html")}
    assert pages == {"moduler/01-styring-og-ledelse.html"}
    assert "assets/js/lms.js" in names and "assets/js/quiz.js" in names
    assert "assets/js/reflections.js" not in names and "assets/js/gather.js" not in names
    with zipfile.ZipFile(packages / "samskabt-styring-modul-01-scorm12.zip") as zf:
        html = zf.read("moduler/01-styring-og-ledelse.html").decode()
    hrefs = re.findall(r'<a\b[^>]*\shref="([^"#][^"]*)"', html)
    for href in hrefs:
        assert href.startswith(("http://", "https://", "mailto:", "#")) or \
            lms._resolve("moduler/x.html", href.split("#")[0]) in names, href
    assert re.search(r'(src|href)="/', html) is None, "no root-absolute URL"


def test_packages_load_nothing_from_another_host(packages, tmp_path):
    from scripts.offline import external_resources

    for pkg in packages.iterdir():
        dest = tmp_path / pkg.stem
        with zipfile.ZipFile(pkg) as zf:
            zf.extractall(dest)
        assert external_resources(dest) == [], pkg.name
        rooted = [f"{p.relative_to(dest)}" for p in dest.rglob("*.html")
                  if re.search(r'\s(?:src|href)="/(?!/)', p.read_text(encoding="utf-8"))]
        assert rooted == [], f"{pkg.name}: root-absolute URLs (an LMS serves a package from a sub-path)"


def test_cartridge_quizzes_are_the_yaml_banks(packages):
    """Every question of every bank is in the cartridge's QTI, with its key and its feedback;
    rows of categorize, match and order questions are one item each."""
    from scripts.modules import read_modules

    anchors = {m.stem: set(m.anchors) for m in read_modules(ROOT / "docs")}
    banks, errors = load_banks(ROOT / "quizzes", anchors, ROOT)
    assert not errors
    ns = {"q": cartridge.QTI}
    root, names = manifest_of(packages / "samskabt-styring.imscc")
    quizzes = [r for r in root.iter() if local(r) == "resource" and r.get("type") == cartridge.ASSESSMENT]
    assert len(quizzes) == len(banks)
    with zipfile.ZipFile(packages / "samskabt-styring.imscc") as zf:
        for lb, res in zip(banks, quizzes):
            bank = lb.bank
            qti = ET.fromstring(zf.read(res[0].get("href")))
            items = {i.get("ident"): i for i in qti.iterfind(".//q:item", ns)}
            expected = {}
            for q in bank.questions:
                if isinstance(q, (Single, Multiple, TrueFalse)):
                    expected[q.id] = q
                else:
                    rows = len(q.items) if isinstance(q, (Categorize, Order)) else len(q.pairs)
                    expected.update({f"{q.id}-{k}": q for k in range(1, rows + 1)})
            assert list(items) == list(expected), bank.id
            for ident, q in expected.items():
                item = items[ident]
                assert not re.search(r"</?[a-z]|&[a-z#0-9]+;", item.get("title")), item.get("title")
                profile = item.find(".//q:fieldentry", ns).text
                right = [v.text for v in item.findall(".//q:respcondition[@title='rigtigt']//q:varequal", ns)
                         if v not in item.findall(".//q:not/q:varequal", ns)]
                feedback = {f.get("ident"): f.find(".//q:mattext", ns).text for f in item.iterfind("q:itemfeedback", ns)}
                assert feedback["general_fb"] == inline(q.explanation)
                if isinstance(q, Single):
                    assert profile == "cc.multiple_choice.v0p1" and right == [str(q.answer)]
                    assert [feedback[f"{i}_fb"] for i in range(1, len(q.options) + 1)] == [inline(o.feedback) for o in q.options]
                elif isinstance(q, Multiple):
                    negated = {v.text for v in item.findall(".//q:not/q:varequal", ns)}
                    assert profile == "cc.multiple_response.v0p1"
                    assert {str(n) for n in range(1, len(q.options) + 1)} - negated == {str(n) for n in q.answer}
                elif isinstance(q, TrueFalse):
                    assert profile == "cc.true_false.v0p1" and right == [str(q.answer).lower()]
                    assert feedback["true_fb"] == inline(q.feedback_true)
                else:
                    assert profile == "cc.multiple_choice.v0p1" and len(right) == 1
                    assert feedback[f"{right[0]}_fb"] == "Rigtigt."


def test_cartridge_rows_are_in_the_order_the_page_shows(packages):
    """A categorize, match or order question's rows are items in the order the module page in the
    cartridge lists them, so »række 2« means the same row in the LMS and on the page."""
    ns = {"q": cartridge.QTI}
    checked = 0
    with zipfile.ZipFile(packages / "samskabt-styring.imscc") as zf:
        pages = "".join(zf.read(n).decode("utf-8") for n in zf.namelist()
                        if n.startswith(f"{cartridge.WEB}/moduler/") and n.endswith(".html"))
        for name in zf.namelist():
            if not name.endswith("/assessment.xml"):
                continue
            for item in ET.fromstring(zf.read(name)).iterfind(".//q:item", ns):
                m = re.fullmatch(r"(.+)-(\d+)", item.get("ident"))
                row = re.search(r'<label for="q-[^"]+-' + re.escape(m[1]) + f'-r{m[2]}"[^>]*>(.*?)</label>', pages) if m else None
                if row is None:
                    continue
                prompt = item.find(".//q:presentation//q:mattext", ns).text
                assert f"<strong>{row[1]}</strong>" in prompt, (item.get("ident"), row[1], prompt)
                checked += 1
    assert checked >= 20, f"only {checked} rows found"


def test_broken_bank_stops_make_lms_with_file_and_line(tmp_path):
    project = copy_project(tmp_path)
    bank = project / "quizzes" / "03-tillidens-effekter.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("answer:"))
    lines[number] = re.sub(r"answer:.*", "answer: 99", lines[number])
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "scripts.lms", "-o", str(tmp_path / "out")], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert f"quizzes/03-tillidens-effekter.yml:{number + 1}:" in proc.stderr
    assert "answer" in proc.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir()), "no half-built packages"


def test_teacher_page_offers_every_package(packages, site):
    """»Brug kurset i jeres LMS« links every file `make lms` writes and the offline zip, where the
    publish workflow puts them (downloads/lms/ and downloads/)."""
    from scripts import offline

    html = (site / "underviser" / "lms" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('<ul class="lms-filer"'):]
    block = block[:block.index("</ul>")]
    hrefs = re.findall(r'href="([^"]+)"', block)
    resolved = {lms._resolve("underviser/lms/index.html", h) for h in hrefs}
    expected = {f"downloads/lms/{p.name}" for p in packages.iterdir()} | {f"downloads/{offline.ZIP_PATH.name}"}
    assert resolved == expected
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "cp dist/lms/* site/downloads/lms/" in workflow and "cp dist/samskabt-styring-offline.zip site/downloads/" in workflow
