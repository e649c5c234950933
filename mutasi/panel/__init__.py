"""The review panel (Tim Pertimbangan): candidates side by side per vacancy
(``perbandingan``), and the pages where the panel scores, recommends and answers
objections."""
