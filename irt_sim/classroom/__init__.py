"""The trainer's grading run: collecting a class's submissions (``run``), the grading workers
(``worker``), the sandbox every learner's kernel runs in (``sandbox``), the test cells run again
outside the learner's code (``regrade``) and the kit's nbgrader steps (``nbgrader_steps``)."""
