"""The two notebooks: they run from scratch, are stored with their charts, and their pages stay local and accessible."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import nbformat
import pytest

from conftest import ROOT

NB_DIR = ROOT / "docs" / "notebooks"
EXAMPLE_CSV = NB_DIR / "klassens-profil-eksempel.csv"
# Notebook stem -> the least number of charts (image/png outputs) it must produce.
CHARTS = {"mushrooming": 2, "klassens-profil": 1}
CSV_LINE = 'CSV_FIL = Path("klassens-profil-eksempel.csv")'


# --- Running the notebooks ------------------------------------------------------------------

@pytest.fixture(scope="session")
def kernel_specs(tmp_path_factory):
    """A `python3` kernel spec that runs this very interpreter, whatever kernels the machine has."""
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager

    kernels = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(kernels / "python3")  # argv[0] is sys.executable, i.e. the .venv's Python
    return KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)


def run_notebook(nb: nbformat.NotebookNode, workdir: Path, kernel_specs) -> nbformat.NotebookNode:
    """Execute a notebook from scratch in `workdir` (its working directory, as in Jupyter)."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    km = KernelManager(kernel_name="python3", kernel_spec_manager=kernel_specs)
    NotebookClient(nb, km=km, timeout=120, record_timing=False,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


def fresh_copy(stem: str, tmp_path: Path) -> nbformat.NotebookNode:
    """The committed notebook, read from a fresh folder that also holds the example CSV."""
    shutil.copy(NB_DIR / f"{stem}.ipynb", tmp_path)
    shutil.copy(EXAMPLE_CSV, tmp_path)
    return nbformat.read(tmp_path / f"{stem}.ipynb", as_version=4)


@pytest.fixture(scope="session")
def executed(tmp_path_factory, kernel_specs):
    """Each notebook executed once from scratch, keyed by stem."""
    done = {}
    for stem in CHARTS:
        workdir = tmp_path_factory.mktemp(stem)
        done[stem] = run_notebook(fresh_copy(stem, workdir), workdir, kernel_specs)
    return done


def outputs(nb):
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def charts(nb):
    return [out for out in outputs(nb) if "image/png" in out.get("data", {})]


def stdout(nb) -> str:
    return "".join(out.text for out in outputs(nb) if out.output_type == "stream" and out.name == "stdout")


ALT = re.compile(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+"[^>]* alt="([^"]+)">')


# --- From scratch -------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", CHARTS)
def test_notebook_runs_from_scratch_and_draws_its_charts(executed, stem):
    """Run from scratch, the notebook draws its charts and no cell fails."""
    nb = executed[stem]
    assert not [o for o in outputs(nb) if o.output_type == "error"]
    assert len(charts(nb)) >= CHARTS[stem]


@pytest.mark.parametrize("stem", CHARTS)
def test_every_chart_carries_an_alt_text(executed, stem):
    """Every chart is also an <img> with a descriptive alt text, the representation the site shows."""
    for chart in charts(executed[stem]):
        match = ALT.search(chart.data["text/html"])
        assert match, chart.data["text/html"][:200]
        assert len(html.unescape(match.group(1))) >= 80
        assert chart.data["text/plain"] == html.unescape(match.group(1))


@pytest.mark.parametrize("stem", CHARTS)
def test_committed_notebook_is_stored_with_current_outputs(executed, stem):
    """The stored notebook ran top to bottom, holds its charts and shows what a fresh run shows."""
    stored = nbformat.read(NB_DIR / f"{stem}.ipynb", as_version=4)
    counts = [c.execution_count for c in stored.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run all cells and save the notebook again"
    assert len(charts(stored)) >= CHARTS[stem]
    assert not [o for o in outputs(stored) if o.output_type == "error" or o.get("name") == "stderr"]
    assert stdout(stored) == stdout(executed[stem])
    assert [c.data["text/plain"] for c in charts(stored)] == [c.data["text/plain"] for c in charts(executed[stem])]


def test_example_data_is_announced_as_invented():
    """The notebook and the chart title say that the example data is made up."""
    stored = nbformat.read(NB_DIR / "klassens-profil.ipynb", as_version=4)
    assert "Eksempeldataene er opdigtede" in stored.cells[0].source
    rows = EXAMPLE_CSV.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "deltager,motivation,relation,involvering,dialog"
    assert 8 <= len(rows) - 1 <= 12


def test_mushrooming_scenarios_follow_their_rules(tmp_path, kernel_specs):
    """A keeps every new requirement; B (dokumentationsneutral) stays at the starting number."""
    nb = fresh_copy("mushrooming", tmp_path)
    nb.cells.append(nbformat.v4.new_code_cell(
        "assert (krav_b == START_KRAV).all()\n"
        "assert krav_a[-1] == START_KRAV + haendelser.sum() and (np.diff(krav_a) >= 0).all()\n"
        "assert len(maaned) == MAANEDER + 1\n"
        "print('ok')"
    ))
    nb = run_notebook(nb, tmp_path, kernel_specs)
    assert stdout(nb).endswith("ok\n")


def test_mushrooming_parameters_can_be_changed(tmp_path, kernel_specs):
    """Changing the parameter cell changes the result, and a week over 100 % is called out."""
    nb = fresh_copy("mushrooming", tmp_path)
    params = next(c for c in nb.cells if "MINUTTER_PR_KRAV = 10" in c.source)
    params.source = params.source.replace("MINUTTER_PR_KRAV = 10", "MINUTTER_PR_KRAV = 60")
    nb = run_notebook(nb, tmp_path, kernel_specs)
    assert "fylder dokumentationen mere end hele arbejdstiden" in stdout(nb)
    assert len(charts(nb)) == 2


def point_at(nb, csv: Path):
    params = next(c for c in nb.cells if CSV_LINE in c.source)
    params.source = params.source.replace(CSV_LINE, f"CSV_FIL = Path({str(csv)!r})")


def test_klassens_profil_reads_a_teachers_file_and_flags_bad_values(tmp_path, kernel_specs):
    """A semicolon file from Excel is read; values outside 1–5 or not whole numbers are named by line."""
    csv = tmp_path / "hold 3.csv"
    csv.write_text(
        "\ufeffDeltager;Motivation;Relation;Involvering;Dialog\n"
        "A;5;4;3;2\n"
        "B;x;2;;7\n"
        "C;1;1;1;1\n"
        "A;2;3;4;5\n",
        encoding="utf-8",
    )
    nb = fresh_copy("klassens-profil", tmp_path)
    point_at(nb, csv)
    out = stdout(run_notebook(nb, tmp_path, kernel_specs))
    assert "Læste svar fra 4 deltagere i hold 3.csv." in out
    assert "Tomme felter (ikke besvaret): 1." in out
    assert "Linje 3 (B): motivation = »x« er ikke et helt tal og tælles ikke med." in out
    assert "Linje 3 (B): dialog = 7 ligger uden for skalaen 1–5 og tælles ikke med." in out
    assert "Linje 5: Deltager »A« står også på linje 2." in out
    # motivation: 5, 1, 2 -> mean 2,7, median 2,0; one answer on 1, 2 and 5.
    assert re.search(r"Medarbejdermotivation\s+3\s+2,7\s+2,0\s+1\s+1\s+0\s+0\s+1", out), out


def test_klassens_profil_names_missing_columns(tmp_path, kernel_specs):
    """A file without one of the four factors stops with a message that names the column."""
    from nbclient.exceptions import CellExecutionError

    csv = tmp_path / "hold.csv"
    csv.write_text("deltager,motivation,relation,involvering\nA,1,2,3\n", encoding="utf-8")
    nb = fresh_copy("klassens-profil", tmp_path)
    point_at(nb, csv)
    with pytest.raises(CellExecutionError, match="Kolonnen dialog mangler"):
        run_notebook(nb, tmp_path, kernel_specs)


# --- The built site -----------------------------------------------------------------------------

class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])


def parse(path: Path) -> Images:
    parser = Images()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("stem", CHARTS)
def test_built_notebook_page_shows_charts_with_alt_text(site, stem):
    """The built page holds the charts as PNG images, and every image on it has an alt text."""
    page = parse(site / "notebooks" / stem / "index.html")
    pngs = [img for img in page.images if img.get("src", "").startswith("data:image/png;base64,")]
    assert len(pngs) >= CHARTS[stem]
    assert all((img.get("alt") or "").strip() for img in page.images), [i.get("alt") for i in page.images]


@pytest.mark.parametrize("stem", CHARTS)
def test_built_notebook_page_holds_no_mermaid_diagram(site, stem):
    """mkdocs-jupyter's template imports mermaid from cdnjs once a page holds a diagram; ours hold none."""
    assert 'class="jp-Mermaid' not in (site / "notebooks" / stem / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", CHARTS)
def test_built_notebook_page_has_its_own_description(site, stem):
    """The page's meta description is the notebook's metadata.description, not a scrap of its JSON."""
    wanted = nbformat.read(NB_DIR / f"{stem}.ipynb", as_version=4).metadata["description"]
    text = (site / "notebooks" / stem / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<meta name="description" content="([^"]*)"', text)
    assert found and html.unescape(found.group(1)) == wanted


@pytest.mark.parametrize("stem", CHARTS)
def test_notebook_can_be_downloaded_from_the_site(site, stem):
    """include_source puts the .ipynb next to its page, byte for byte the committed file."""
    copy = site / "notebooks" / stem / f"{stem}.ipynb"
    assert copy.read_bytes() == (NB_DIR / f"{stem}.ipynb").read_bytes()


def test_overview_page_links_to_downloads_that_exist(site):
    """Every .ipynb and .csv link on the overview page points at a file in the built site."""
    index = site / "notebooks" / "index.html"
    downloads = [h for h in parse(index).links if urlparse(h).path.endswith((".ipynb", ".csv"))]
    assert {Path(urlparse(h).path).name for h in downloads} == {
        "mushrooming.ipynb", "klassens-profil.ipynb", "klassens-profil-eksempel.csv"}
    for href in downloads:
        target = urlparse(urljoin("http://x/notebooks/", href)).path.lstrip("/")
        assert (site / target).is_file(), href


@pytest.mark.parametrize("stem", CHARTS)
def test_module_links_in_notebooks_resolve(site, stem):
    """Links from the notebook's own text to the modules land on an existing page and anchor."""
    text = (site / "notebooks" / stem / "index.html").read_text(encoding="utf-8")
    notebook = text[text.index('<div class="jupyter-wrapper">'):text.index("<!-- jupyter-wrapper -->")]
    parser = Images()
    parser.feed(notebook)
    links = [h for h in parser.links if "moduler/" in h]
    assert links
    for href in links:
        parts = urlparse(urljoin(f"http://x/notebooks/{stem}/", href))
        target = site / parts.path.lstrip("/") / "index.html"
        assert target.is_file(), href
        if parts.fragment:
            assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), href


# --- In the browser -----------------------------------------------------------------------------

PAGES = ["notebooks/", "notebooks/mushrooming/", "notebooks/klassens-profil/"]


@pytest.mark.parametrize("path", PAGES)
def test_notebook_pages_load_nothing_from_other_hosts(page, path):
    """Opening the page (until the network is idle) makes no request outside 127.0.0.1."""
    page.open(path)
    page.wait_for_load_state("networkidle")
    assert page.external == []


def test_instant_navigation_to_a_notebook_stays_local(page):
    """Reaching a notebook through Material's instant navigation makes no outside request either."""
    page.open("notebooks/")
    page.locator("article a[href$='/notebooks/mushrooming/']").first.click()  # Material makes hrefs absolute
    page.wait_for_url("**/notebooks/mushrooming/")
    page.locator("article img[alt]").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.external == []
