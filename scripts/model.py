"""Typed schemas for the course data in `quizzes/`: question banks, exercises, glossary, lesson plans.

Structure and types live here (pydantic, `extra="forbid"` so a misspelt key is an error);
checks that need more than one field, or other files, live with the loaders (`scripts.quiz`,
`scripts.exercises`, `scripts.glossary`, `scripts.lesson_plans`).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ModuleRef = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}-[a-z0-9-]+$")]
Anchor = Annotated[str, StringConstraints(pattern=r"^#[A-Za-z0-9_-]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Question banks -------------------------------------------------------------------


class Option(Strict):
    text: Text = Field(description="The option, inline Markdown.")
    feedback: Text = Field(description="Why this option is right or wrong; shown when the answer is checked.")


class Question(Strict):
    id: Slug = Field(description="Stable id, unique in the bank; saved progress is keyed on it.")
    prompt: Text = Field(description="The question, inline Markdown.")
    explanation: Text = Field(description="Why the answer is right; shown after checking.")
    see: Anchor = Field(description="Anchor of the module section the question tests, e.g. '#tunnelsyn'.")
    shuffle: bool | None = Field(None, description="Override the bank's `shuffle` for this question "
                                                   "(false where the order of the options carries meaning).")


class Single(Question):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    answer: int = Field(description="Number of the right option, counted from 1.")


class Multiple(Question):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    answer: list[int] = Field(description="Numbers of all right options, counted from 1.")


class TrueFalse(Question):
    type: Literal["truefalse"]
    answer: bool
    feedback_true: Text = Field(description="Shown to a participant who answers 'Sandt': why that is right or wrong.")
    feedback_false: Text = Field(description="Shown to a participant who answers 'Falsk': why that is right or wrong.")


class Item(Strict):
    text: Text
    category: Text = Field(description="One of the question's categories.")


class Categorize(Question):
    type: Literal["categorize"]
    categories: list[Text] = Field(min_length=2)
    items: list[Item] = Field(min_length=2)


class Pair(Strict):
    left: Text
    right: Text


class Match(Question):
    type: Literal["match"]
    pairs: list[Pair] = Field(min_length=2)


class Order(Question):
    type: Literal["order"]
    items: list[Text] = Field(min_length=2, description="The items in their right order.")


AnyQuestion = Annotated[
    Union[Single, Multiple, TrueFalse, Categorize, Match, Order],
    Field(discriminator="type"),
]


class Bank(Strict):
    """One module's question bank: `quizzes/NN-modul.yml`."""

    id: Slug = Field(description="Stable bank id; saved progress is keyed on it.")
    module: ModuleRef = Field(description="File stem of the module page, e.g. '06-tillid-og-kontrol'.")
    title: Text
    intro: Text | None = None
    shuffle: bool = Field(True, description="Show the options of single and multiple choice questions in a "
                                            "fixed order shuffled at build time (seeded by bank and question id).")
    questions: list[AnyQuestion] = Field(min_length=1)


# --- Exercises ------------------------------------------------------------------------


class Prompt(Strict):
    id: Slug
    text: Text = Field(description="The question the participant writes about.")
    hint: Text | None = None


class Phase(Strict):
    name: Text
    minutes: float = Field(gt=0, le=180, description="Duration in minutes (may be a fraction, e.g. 1.5).")


class ScaleItem(Strict):
    id: Slug
    label: Text
    low: Text = Field(description="What 1 means.")
    high: Text = Field(description="What 5 means.")


class Exercise(Strict):
    id: Slug
    module: ModuleRef
    title: Text
    intro: Text
    prompts: list[Prompt] = Field(min_length=1)
    phases: list[Phase] = Field(default_factory=list, description="For timed classroom exercises.")
    scale: list[ScaleItem] = Field(default_factory=list, description="A 1–5 self-assessment.")


class ExerciseSet(Strict):
    """`quizzes/ovelser.yml`: every reflection exercise of the course."""

    exercises: list[Exercise] = Field(min_length=1)


# --- Glossary -------------------------------------------------------------------------


class Term(Strict):
    term: Text
    definition: Text
    forms: list[Text] = Field(default_factory=list, description="Word forms that get a tooltip.")
    module: ModuleRef


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


# --- Lesson plans ---------------------------------------------------------------------

KINDS = ("module", "exercise", "quiz", "activity")


class Row(Strict):
    """One line of the timetable: minutes plus exactly one of module/exercise/quiz/activity."""

    minutes: int | None = Field(None, gt=0, le=600, description=(
        "Minutes for this row. May be left out for an exercise with timed phases: their total is used."))
    module: ModuleRef | None = Field(None, description="Work with a module (file stem); the title comes from its page.")
    exercise: Slug | None = Field(None, description="An exercise id from quizzes/ovelser.yml.")
    quiz: ModuleRef | None = Field(None, description="The quiz of this module (file stem).")
    activity: Text | None = Field(None, description="Anything else, inline Markdown: 'Pause', 'Velkomst'.")
    note: Text | None = Field(None, description="How to work with it, shown after the title (inline Markdown).")

    @model_validator(mode="after")
    def _one_kind(self):
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"a row needs exactly one of {', '.join(KINDS)} (found: {found})")
        return self


class Session(Strict):
    title: Text
    minutes: int = Field(gt=0, description="The session's length; its rows must add up to it.")
    self_study: list[ModuleRef] = Field(default_factory=list, description=(
        "Modules the participants read on their own before this session (not part of its minutes)."))
    rows: list[Row] = Field(min_length=1)


class LessonPlan(Strict):
    id: Slug = Field(description="Stable id; the plan's heading anchor on the page.")
    title: Text
    intro: Text
    total_minutes: int = Field(gt=0, description="Time together in class; the sessions must add up to it.")
    sessions: list[Session] = Field(min_length=1)


class LessonPlans(Strict):
    """`quizzes/lektionsplaner.yml`: the guide's lesson plans."""

    plans: list[LessonPlan] = Field(min_length=1)
