"""Scaling of the quiz generator: YAML text -> checked bank -> HTML, for n questions.

Each size goes through what a build does with a bank file: `scripts.datafile.read_source`
(YAML with line numbers), `validate(source, Bank)`, `scripts.quiz.check_bank` and
`scripts.quiz.render_bank`. The questions cycle through all six question types.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from scripts.datafile import read_source, validate
from scripts.model import Bank
from scripts.quiz import LoadedBank, check_bank, render_bank

MODULE = "99-bench"
ANCHORS = {MODULE: {"afsnit-a", "afsnit-b", "afsnit-c"}}

_TEMPLATES = [
    """\
  - id: q{i}
    type: single
    prompt: Hvad er **pointen** i spørgsmål {i} om tillid og kontrol?
    options:
      - text: Tillid og kontrol kan være medspillere
        feedback: Ja, med de fire faktorer på plads.
      - text: Kontrol er altid et tegn på mistillid
        feedback: Nej, det afhænger af, hvordan kontrollen opleves.
      - text: Tillid gør al styring overflødig
        feedback: Nej, styring og tillid kan spille sammen.
    answer: 1
    explanation: "Kontrol kan støtte det faglige arbejde (Bentzen 2018: 64)."
    see: "#afsnit-a"
""",
    """\
  - id: q{i}
    type: multiple
    prompt: Hvilke faktorer nævnes i spørgsmål {i}?
    options:
      - text: Medarbejdermotivation
        feedback: Ja, det er en af faktorerne.
      - text: Styringsrelationen
        feedback: Ja, det er en af faktorerne.
      - text: Lønniveauet
        feedback: Nej, løn er ikke en af faktorerne.
    answer: [1, 2]
    explanation: De to første er blandt de fire faktorer.
    see: "#afsnit-b"
""",
    """\
  - id: q{i}
    type: truefalse
    prompt: Påstand {i} – tillid kan øge effektiviteten.
    answer: true
    feedback_true: Ja, tillid kan spare tid på kontrol.
    feedback_false: Nej, tillid kan faktisk øge effektiviteten.
    explanation: Tillid sparer tid på kontrol og dokumentation.
    see: "#afsnit-c"
""",
    """\
  - id: q{i}
    type: categorize
    prompt: Sortér udsagnene i spørgsmål {i}.
    categories: [Modstandere, Medspillere]
    items:
      - text: Jo mere tillid, des mindre styring
        category: Modstandere
      - text: Styring kan øge tilliden
        category: Medspillere
      - text: Tillid kan forbedre styringen
        category: Medspillere
    explanation: Det første syn er en vippe; det andet lader dem forstærke hinanden.
    see: "#afsnit-a"
""",
    """\
  - id: q{i}
    type: match
    prompt: Par begreberne sammen i spørgsmål {i}.
    pairs:
      - left: Tillid
        right: En forventning om velvilje
      - left: Kontrol
        right: Et tjek af, at noget er gjort
      - left: Dialog
        right: En samtale om styringen
    explanation: Sådan bruges begreberne i kurset.
    see: "#afsnit-b"
""",
    """\
  - id: q{i}
    type: order
    prompt: Sæt trinene i spørgsmål {i} i rækkefølge.
    items:
      - Sæt retning
      - Inddrag medarbejderne
      - Følg op sammen
    explanation: Retning først, så inddragelse, så opfølgning.
    see: "#afsnit-c"
""",
]


def bank_yaml(n: int) -> str:
    """A valid bank file with `n` questions, the six types in turn."""
    head = f"id: bench\nmodule: {MODULE}\ntitle: Benchmark\nintro: En genereret bank med {n} spørgsmål.\nquestions:\n"
    return head + "".join(_TEMPLATES[i % len(_TEMPLATES)].format(i=i) for i in range(n))


def run_once(path: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, HTML length) for read + validate + check + render of one bank."""
    t0, c0 = time.perf_counter(), time.process_time()
    source = read_source(path, display=path.name)
    bank = validate(source, Bank)
    errors = check_bank(bank, source, ANCHORS)
    html = render_bank(LoadedBank(bank), lambda q: f"../{bank.module}/{q.see}")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if errors:
        raise AssertionError("generated bank has errors:\n" + "\n".join(map(str, errors)))
    return wall, cpu, len(html)


def scaling(sizes=(10, 100, 1_000, 10_000), repeats: int = 3, budget: float = 20.0) -> dict:
    """Median wall and CPU seconds per size. A size whose first run takes more than
    `budget` / `repeats` seconds runs once. Growth = CPU time of n / CPU time of the previous n
    (CPU time, because a busy machine stretches wall time but not the work done)."""
    out: dict = {"sizes": list(sizes), "seconds": {}, "cpu_seconds": {}, "runs": {}, "html_bytes": {},
                 "growth": {}, "factor": {}}
    prev = None
    with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp:
        warm = Path(tmp) / "warm.yml"
        warm.write_text(bank_yaml(len(_TEMPLATES)), encoding="utf-8")
        run_once(warm)  # imports, pydantic and Markdown set-up are not part of the scaling
        for n in sizes:
            path = Path(tmp) / f"{n}.yml"
            path.write_text(bank_yaml(n), encoding="utf-8")
            walls, cpus = [], []
            for _ in range(max(1, repeats)):
                wall, cpu, size = run_once(path)
                walls.append(wall)
                cpus.append(cpu)
                if wall * repeats > budget:
                    break
            key = str(n)
            out["seconds"][key] = statistics.median(walls)
            out["cpu_seconds"][key] = statistics.median(cpus)
            out["runs"][key] = walls
            out["html_bytes"][key] = size
            if prev is not None:
                before = out["cpu_seconds"][str(prev)]
                out["growth"][key] = out["cpu_seconds"][key] / before if before > 0 else None
                out["factor"][key] = n / prev
            prev = n
    return out
