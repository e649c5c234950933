"""Decision letters (SK, docs/domain.md §7): compose, submit, publish with a gap-free number,
render as PDF, correct by revoking, carry out (``services``); the letter as HTML and PDF
(``pdf``); background rendering and reminders (``tasks``); forms, views and urls."""
