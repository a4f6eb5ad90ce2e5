"""Små værktøjer, der gør kursets data (quizzer, øvelser, ordliste) til sider."""
