"""Results: the record of each attempt, the local database, and the class summary.

Pure Python (no pygame): ``resultfile`` builds, writes and reads the result files a
pupil hands to the teacher; ``store`` keeps every attempt in a local SQLite database
(erasable per pupil); ``report`` computes the class summary with NumPy, and
``csvout``, ``htmlout`` and ``jsonout`` write it for Excel, the printer and other tools.
"""
